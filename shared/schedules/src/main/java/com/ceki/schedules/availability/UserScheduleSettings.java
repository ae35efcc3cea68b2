package com.ceki.schedules.availability;

import com.ceki.core.json.Json;
import com.ceki.core.money.PriceCurrency;
import com.ceki.core.validation.ObjectListField;
import com.ceki.core.validation.Validator;
import com.ceki.schedules.ScheduleRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Validation of a USER schedule's {@code settings} object (API.md, "Reading the reference"): a closed set of keys
 * at every level (top level, {@code hours}, {@code rpt}, list items, event templates and their {@code rpt}); an
 * unknown key or a value of the wrong type is a 422 naming its full path, such as {@code settings.days.0} or
 * {@code settings.events.2.rpt.type}.
 *
 * <p>Use inside a create/update rule exactly like {@code ScheduleRules} wires its settings:
 *
 * <pre>{@code
 * Validator v = Validator.of(body);
 * ObjectNode settings = UserScheduleSettings.validate(v, "settings", true);
 * ...
 * v.check();
 * }</pre>
 *
 * or, for a bare object, {@link #validate(JsonNode)}. Cross-field rule: {@code hours.start < hours.end}
 * ({@code hours.end} may be {@code "24:00"}, the end of the day). {@code oneByOne} does not require
 * {@code settings.duration} here: the schedule's top-level duration can be the grid step (see
 * {@link Availability#of(ObjectNode, java.time.ZoneId, java.time.Instant, java.time.Instant, Integer)}).
 */
public final class UserScheduleSettings {

    public static final Set<String> KEYS = Set.of("price", "duration", "currency", "oneByOne", "singleEvent", "days",
            "hours", "rpt", "contacts", "skills", "events");
    public static final Set<String> HOURS_KEYS = Set.of("start", "end");
    public static final Set<String> RPT_KEYS = Set.of("type", "no", "month", "selected");
    public static final Set<String> CONTACT_KEYS = Set.of("value", "id");
    public static final Set<String> SKILL_KEYS = Set.of("id", "label", "icon", "options", "value");
    public static final Set<String> EVENT_KEYS = Set.of("type_id", "start", "duration", "msp", "price", "currency",
            "attendees", "label", "description", "credit", "private", "date", "rpt", "files");
    public static final Set<String> EVENT_RPT_KEYS = Set.of("month", "type", "status", "days", "selected");
    public static final Set<String> FILE_KEYS = Set.of("id");

    public static final String[] RPT_TYPES = {"day", "week", "month", "dates"};

    public static final int MIN_DURATION = 15;
    public static final int MAX_DURATION = 24 * 60;
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000");

    /** Where {@link #fields} is mounted; used in the messages of the rules the core field classes do not cover. */
    private static final String ROOT = "settings.";

    private UserScheduleSettings() {}

    /**
     * Validates {@code parent.<name>} as user-schedule settings, recording failures in {@code parent} (call
     * {@code parent.check()} afterwards). Returns the settings object, or {@code null} when absent or not an object.
     * An empty object is accepted (available every day, all day).
     */
    public static ObjectNode validate(Validator parent, String name, boolean required) {
        var field = parent.object(name);
        if (required) {
            field.required();
        }
        return field.allowOnly(KEYS).fields(UserScheduleSettings::fields).value();
    }

    /** Validates a bare settings object; throws {@code ValidationFailed} naming {@code settings.<path>}. */
    public static ObjectNode validate(JsonNode settings) {
        ObjectNode body = Json.object();
        body.set("settings", settings);
        Validator v = Validator.of(body);
        ObjectNode result = validate(v, "settings", true);
        v.check();
        return result;
    }

    /**
     * The rules of the settings' own keys, for {@code ObjectField.fields(UserScheduleSettings::fields)} on a field
     * named {@code settings} (the closed key set itself is {@code allowOnly(KEYS)} on that field).
     */
    public static void fields(Validator s) {
        fields(s, null);
    }

    /**
     * The same, for a schedule whose own currency is {@code scheduleCurrency} (null: none). Prices are in the
     * schedule's currency, else the settings' (as they are stored and booked), and may have no more decimals than it.
     */
    public static void fields(Validator s, String scheduleCurrency) {
        String own = s.string("currency").in(ScheduleRules.CURRENCIES).value();
        String currency = scheduleCurrency != null ? scheduleCurrency : own;
        s.decimal("price").min(BigDecimal.ZERO).max(MAX_PRICE).places(PriceCurrency.decimalsOf(currency));
        s.integer("duration").between(MIN_DURATION, MAX_DURATION);
        s.bool("oneByOne");
        s.bool("singleEvent");
        days(s, "days", "days");
        s.object("hours").allowOnly(HOURS_KEYS).fields(h -> {
            String from = h.string("start").required().time().value();
            var toField = h.string("end").required();
            String to = toField.value();
            if (to != null && !Availability.isWallClock(to, true)) {
                h.fail("end", "The " + label("hours.end") + " field must match the format H:i.");
                to = null;
            }
            if (from != null && to != null && from.compareTo(to) >= 0) {
                h.fail("end", "The " + label("hours.end") + " field must be a time after " + label("hours.start")
                        + ".");
            }
        });
        s.object("rpt").allowOnly(RPT_KEYS).fields(r -> {
            r.string("type").in(RPT_TYPES);
            r.integer("no").between(1, 52);
            r.string("month").max(20);
            dates(r, "selected", "rpt.selected");
        });
        var contacts = s.objects("contacts").maxItems(100);
        eachItem(s, contacts, "contacts", CONTACT_KEYS, (c, path) -> {
            c.string("value").max(255);
            c.integer("id");
        });
        var skills = s.objects("skills").maxItems(50);
        eachItem(s, skills, "skills", SKILL_KEYS, (k, path) -> {
            k.integer("id");
            k.string("label").max(100);
            k.string("icon").max(100);
            k.strings("options").maxItems(100).itemMax(255);
            k.integer("value");
        });
        var events = s.objects("events").maxItems(100);
        eachItem(s, events, "events", EVENT_KEYS, (e, path) -> event(e, path, currency));
    }

    /** One event template, validated under {@code settings.events.N.}; its price is in its own currency, else the settings'. */
    private static void event(Validator e, String path, String settingsCurrency) {
        e.integer("type_id").between(1, 4);
        e.string("start").required().time();
        e.integer("duration").required().between(MIN_DURATION, MAX_DURATION);
        e.integer("msp").min(0);
        String currency = e.string("currency").in(ScheduleRules.CURRENCIES).value();
        e.decimal("price").min(BigDecimal.ZERO).max(MAX_PRICE)
                .places(PriceCurrency.decimalsOf(currency != null ? currency : settingsCurrency));
        e.string("attendees").max(5000);
        e.string("label").max(255);
        e.string("description").max(5000);
        e.bool("credit");
        e.bool("private");
        e.string("date").dateTime();
        e.object("rpt").allowOnly(EVENT_RPT_KEYS).fields(r -> {
            r.string("month").max(20);
            r.string("type").in(RPT_TYPES);
            r.bool("status");
            days(r, "days", path + ".rpt.days");
            dates(r, "selected", path + ".rpt.selected");
        });
        var files = e.objects("files").maxItems(100);
        eachItem(e, files, path + ".files", FILE_KEYS, (f, filePath) -> f.integer("id").required());
    }

    /** An array of distinct integers 0..6 (0 = Sunday), each failure under {@code <name>.N}. */
    private static void days(Validator v, String name, String labelPath) {
        ArrayNode list = v.objects(name).value(); // type-checks the array; items are checked here
        if (list == null) {
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Integer day = Availability.intOf(list.get(i));
            if (day == null || day < 0 || day > 6) {
                v.fail(name + "." + i, "The " + label(labelPath + "." + i) + " field must be an integer between 0 and 6.");
            } else if (!seen.add(day)) {
                v.fail(name + "." + i, "The " + label(labelPath + "." + i) + " field has a duplicate value.");
            }
        }
    }

    /** An array (<= 366) of ISO date-times or {@code YYYY-MM-DD} dates, each failure under {@code <name>.N}. */
    private static void dates(Validator v, String name, String labelPath) {
        ArrayNode list = v.objects(name).maxItems(366).value();
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isTextual() || !isDate(item.asText())) {
                v.fail(name + "." + i, "The " + label(labelPath + "." + i) + " field must be a valid date.");
            }
        }
    }

    static boolean isDate(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            // not a date-time with an offset
        }
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Runs {@code rules} on each object item of {@code list} (with its path relative to the settings, such as
     * {@code events.3}) after rejecting keys outside {@code allowed} under {@code <path>.<key>}.
     */
    private static void eachItem(Validator v, ObjectListField list, String labelPath, Set<String> allowed,
                                 BiConsumer<Validator, String> rules) {
        ArrayNode items = list.value();
        if (items == null) {
            return;
        }
        String name = labelPath.substring(labelPath.lastIndexOf('.') + 1);
        List<Integer> objectIndexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                continue;
            }
            objectIndexes.add(i);
            Iterator<String> keys = item.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (!allowed.contains(key)) {
                    v.fail(name + "." + i + "." + key,
                            "The " + label(labelPath + "." + i + "." + key) + " field is not allowed.");
                }
            }
        }
        // ObjectListField.each visits exactly the object items, in order (it reports the others itself).
        Iterator<Integer> indexes = objectIndexes.iterator();
        list.each(item -> rules.accept(item, labelPath + "." + indexes.next()));
    }

    private static String label(String path) {
        return (ROOT + path).replace('_', ' ');
    }
}
