package com.ceki.schedules;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.money.PriceCurrency;
import com.ceki.core.validation.Validator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Validation of schedule input. {@code settings} is an object with a closed set of keys (API.md, "Reading the
 * reference"): anything else, or a value of the wrong type, is a 422 naming {@code settings.<key>}.
 */
public final class ScheduleRules {

    public static final Set<String> SETTINGS_KEYS = Set.of("price", "duration", "currency", "oneByOne", "singleEvent",
            "days", "hours", "rpt", "contacts", "skills", "events");

    /** The currencies a schedule may be priced in. */
    public static final String[] CURRENCIES = PriceCurrency.codes();

    /** What a create or patch request asks for; null fields were not sent ({@code endPresent} tells a cleared end). */
    public record Input(Long kalId, ObjectNode settings, Instant start, Instant end,
                        boolean endPresent, String timezone, Boolean isPrivate) {}

    private ScheduleRules() {}

    public static Input create(JsonNode body) {
        Validator v = Validator.of(body);
        Long kalId = v.integer("kal_id").required().min(1).value();
        var settings = settings(v, true);
        Instant start = instant(v.string("start").required().dateTime().value());
        var end = v.string("end").dateTime();
        String timezone = v.string("timezone").max(64).timezone().value();
        Boolean isPrivate = v.bool("private").value();
        Instant endValue = instant(end.value());
        v.check();
        requireOrder(start, endValue);
        return new Input(kalId, settings, start, endValue, end.present(), timezone == null ? "UTC" : timezone,
                isPrivate == null ? Boolean.TRUE : isPrivate);
    }

    /** A patch: every field optional; {@code null} for settings/start/timezone/private means "unchanged". */
    public static Input patch(JsonNode body) {
        Validator v = Validator.of(body);
        Long kalId = v.integer("kal_id").min(1).value();
        var settings = settings(v, false);
        Instant start = instant(v.string("start").dateTime().value());
        var end = v.string("end").dateTime();
        String timezone = v.string("timezone").max(64).timezone().value();
        Boolean isPrivate = v.bool("private").value();
        Instant endValue = instant(end.value());
        v.check();
        return new Input(kalId, settings, start, endValue, end.present(), timezone, isPrivate);
    }

    /** The schedule's window must not be empty: start strictly before end (an open end is fine). */
    public static void requireOrder(Instant start, Instant end) {
        if (start != null && end != null && !start.isBefore(end)) {
            throw ValidationFailed.of("end", "The end field must be a date after start.");
        }
    }

    private static ObjectNode settings(Validator v, boolean required) {
        var field = v.object("settings");
        if (required) {
            field.required();
        }
        // contacts and events are free-form and stored whole: the settings are bounded to fit the schedule's item.
        return field.notEmpty().maxKilobytes(200).allowOnly(SETTINGS_KEYS).fields(ScheduleRules::settingsFields).value();
    }

    private static void settingsFields(Validator s) {
        String currency = s.string("currency").in(CURRENCIES).value();
        s.decimal("price").min(BigDecimal.ZERO).max(new BigDecimal("1000000")).places(PriceCurrency.decimalsOf(currency));
        s.integer("duration").between(15, 24 * 60);
        s.bool("oneByOne");
        s.bool("singleEvent");
        s.integers("days").between(0, 6);
        s.object("hours").allowOnly(Set.of("start", "end")).fields(h -> {
            String from = h.string("start").required().time().value();
            String to = h.string("end").required().time().value();
            if (from != null && to != null && from.compareTo(to) >= 0) {
                h.fail("end", "The settings.hours.end field must be a time after settings.hours.start.");
            }
        });
        s.integer("rpt").between(0, 365);
        s.objects("contacts").maxItems(100);
        s.objects("skills").maxItems(50).each(skill -> {
            skill.string("label").required().max(100);
            skill.string("icon").max(100);
        });
        s.objects("events").maxItems(100);
    }

    private static Instant instant(String dateTime) {
        return dateTime == null ? null : OffsetDateTime.parse(dateTime).toInstant();
    }
}
