package com.ceki.contracts;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.money.PriceCurrency;
import com.ceki.core.validation.Validator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A contract as a request describes it (the reference: {@code start}, {@code end}, {@code timezone},
 * {@code private}, {@code credit}, {@code amount}, {@code currency}, {@code label}, {@code description},
 * {@code parent_id}, {@code settings.skills}, {@code files}; and {@code kal_id}). {@code POST} requires label and
 * currency; {@code PUT} changes only what is sent ({@link Input#sent}), a {@code null} clearing an optional field.
 */
public final class ContractRules {

    public static final int MAX_FILES = 20;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final Set<String> FIELDS = Set.of("start", "end", "timezone", "private", "credit", "amount",
            "currency", "label", "description", "parent_id", "kal_id", "settings", "files");
    private static final Set<String> SKILL_KEYS = Set.of("label", "options", "value");

    public record Input(String label, String description, Instant start, Instant end, String timezone, Boolean isPrivate,
                        Boolean credit, BigDecimal amount, String currency, Long parentId, Long kalId,
                        ObjectNode settings, List<Long> files, Set<String> sent) {

        public boolean sent(String field) {
            return sent.contains(field);
        }
    }

    private ContractRules() {}

    public static Input create(JsonNode body) {
        return read(body, true, null);
    }

    /** A change of a contract whose money is in {@code currentCurrency} (unless the change sends another). */
    public static Input update(JsonNode body, String currentCurrency) {
        return read(body, false, currentCurrency);
    }

    private static Input read(JsonNode body, boolean create, String currentCurrency) {
        Validator v = Validator.of(body);
        var label = v.string("label").max(255);
        var currency = v.string("currency").in(PriceCurrency.codes());
        if (create || v.present("label")) {
            label.required();
        }
        if (create || v.present("currency")) {
            currency.required();
        }
        String code = currency.value() != null ? currency.value() : currentCurrency;
        int places = PriceCurrency.decimalsOf(code);
        BigDecimal amount = v.decimal("amount").min(BigDecimal.ZERO).max(MAX_AMOUNT).places(places).value();
        String description = v.string("description").max(5000).value();
        Instant start = instant(v.string("start").dateTime().value());
        Instant end = instant(v.string("end").dateTime().value());
        String timezone = v.string("timezone").max(64).timezone().value();
        Boolean isPrivate = v.bool("private").value();
        Boolean credit = v.bool("credit").value();
        Long parentId = v.integer("parent_id").min(1).value();
        Long kalId = v.integer("kal_id").min(1).value();
        ObjectNode settings = v.object("settings").allowOnly(Set.of("skills")).fields(s ->
                s.objects("skills").maxItems(50).each(skill -> {
                    skill.string("label").required().max(100);
                    skill.strings("options").maxItems(50).itemMax(100);
                    skill.integer("value").min(0);
                })).value();
        onlySkillKeys(v, body.path("settings").path("skills"));
        List<Long> files = v.integers("files").maxItems(MAX_FILES).min(1).value();
        if (!create && v.present("private") && isPrivate == null && !v.hasError("private")) {
            v.fail("private", "The private field must be true or false.");
        }
        if (!create && v.present("credit") && credit == null && !v.hasError("credit")) {
            v.fail("credit", "The credit field must be true or false.");
        }
        v.check();
        if (start != null && end != null && !end.isAfter(start)) {
            throw ValidationFailed.of("end", "The end field must be a date after start.");
        }
        Set<String> sent = new LinkedHashSet<>();
        body.fieldNames().forEachRemaining(name -> {
            if (FIELDS.contains(name)) {
                sent.add(name);
            }
        });
        return new Input(label.value(), description, start, end, timezone, isPrivate, credit, amount, currency.value(),
                parentId, kalId, settings, files, sent);
    }

    /** A skill is closed too ({@code label}, {@code options}, {@code value}): any other key fails on its own path. */
    private static void onlySkillKeys(Validator v, JsonNode skills) {
        for (int i = 0; i < skills.size() && skills.isArray(); i++) {
            for (Iterator<String> keys = skills.get(i).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!SKILL_KEYS.contains(key)) {
                    v.fail("settings.skills." + i + "." + key, "The settings.skills." + i + "." + key + " field is not allowed.");
                }
            }
        }
    }

    private static Instant instant(String dateTime) {
        return dateTime == null ? null : OffsetDateTime.parse(dateTime).toInstant();
    }
}
