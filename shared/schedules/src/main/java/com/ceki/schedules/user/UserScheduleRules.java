package com.ceki.schedules.user;

import com.ceki.core.money.PriceCurrency;
import com.ceki.core.validation.Validator;
import com.ceki.schedules.ScheduleRules;
import com.ceki.schedules.availability.UserScheduleSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Validation of user-schedule requests. The three writes differ only in what they require (the reference):
 * {@code POST /api/schedules} needs label, private and settings; {@code PUT /api/schedules} (create or replace by
 * id) also kal_id, type_id, duration and currency; {@code PUT /api/schedules/{schedule}} label, private, currency
 * and settings. Unknown top-level fields are ignored, as Laravel does; {@code settings} is a closed object.
 */
public final class UserScheduleRules {

    public static final int MAX_FILES = 20;

    /** Which request is being read. */
    public enum Kind { CREATE, UPSERT, UPDATE }

    /** A validated request; null fields were not sent. */
    public record Input(Long id, Long kalId, Integer typeId, String label, String slug, String description, Long msp,
                        boolean isPrivate, String timezone, Instant start, Instant end, Integer duration,
                        BigDecimal price, String currency, ObjectNode settings, ArrayNode skills, List<Long> files,
                        Long parentId, Long benefitableId, String benefitableType, Long billableId,
                        String billableType) {}

    private UserScheduleRules() {}

    public static Input read(JsonNode body, Kind kind) {
        Validator v = Validator.of(body);
        Long id = kind == Kind.UPSERT ? v.integer("id").min(1).value() : null;
        var kal = v.integer("kal_id").min(1);
        var type = v.integer("type_id").between(1, 3);
        if (kind == Kind.UPSERT) {
            kal.required();
            type.required();
        }
        String label = v.string("label").required().max(255).value();
        String slug = v.string("slug").max(255).value();
        String description = v.string("description").max(5000).value();
        Long msp = v.integer("msp").between(0, 1_000_000).value();
        Boolean isPrivate = v.bool("private").required().value();
        String timezone = v.string("timezone").max(64).timezone().value();
        Instant start = instant(v.string("start").dateTime().value());
        Instant end = instant(v.string("end").dateTime().value());
        var duration = v.integer("duration").between(15, 24 * 60);
        if (kind == Kind.UPSERT) {
            duration.required();
        }
        var currency = v.string("currency").in(ScheduleRules.CURRENCIES);
        // Every setting has a limit, but all together can pass DynamoDB's 400 KB item: the whole is bounded too.
        ObjectNode settings = v.object("settings").required().maxKilobytes(200).allowOnly(UserScheduleSettings.KEYS)
                .fields(s -> UserScheduleSettings.fields(s, currency.value())).value();
        // The price is in the schedule's currency: the top-level one, else the settings'.
        String priceCurrency = currency.value() != null ? currency.value()
                : settings != null && settings.path("currency").isTextual() ? settings.get("currency").asText() : null;
        BigDecimal price = kind == Kind.UPDATE ? null : v.decimal("price").min(BigDecimal.ZERO)
                .max(new BigDecimal("1000000")).places(PriceCurrency.decimalsOf(priceCurrency)).value();
        // The reference requires currency on both PUTs; settings.currency says the same thing, so either will do.
        if (kind != Kind.CREATE && !currency.filled() && (settings == null || !settings.hasNonNull("currency"))) {
            v.fail("currency", "The currency field is required.");
        }
        ArrayNode skills = v.objects("skills").maxItems(50).maxKilobytes(50).each(skill -> {
            skill.string("label").required().max(100);
            skill.string("icon").max(100);
            skill.integer("value").min(0);
        }).value();
        List<Long> files = v.integers("files").maxItems(MAX_FILES).min(1).value();
        Long parentId = kind == Kind.UPDATE ? null : v.integer("parent_id").min(1).value();
        Long benefitableId = v.integer("benefitable_id").min(1).value();
        String benefitableType = v.string("benefitable_type").in("User").value();
        Long billableId = v.integer("billable_id").min(1).value();
        String billableType = v.string("billable_type").in("User").value();
        v.check();
        ScheduleRules.requireOrder(start, end);
        Long durationValue = duration.value();
        return new Input(id, kal.value(), type.value() == null ? null : type.value().intValue(), label, slug, description,
                msp, isPrivate, timezone, start, end, durationValue == null ? null : durationValue.intValue(), price,
                currency.value(), settings, skills, files, parentId, benefitableId, benefitableType, billableId,
                billableType);
    }

    private static Instant instant(String dateTime) {
        return dateTime == null ? null : OffsetDateTime.parse(dateTime).toInstant();
    }
}
