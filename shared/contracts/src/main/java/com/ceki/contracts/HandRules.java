package com.ceki.contracts;

import com.ceki.core.money.PriceCurrency;
import com.ceki.core.validation.Validator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * The hand requests: add ({@code user_id}, {@code role_id}, {@code read}, {@code write}, {@code schedule}), invite
 * ({@code user_id} or {@code email}, {@code role}, {@code schedule}), change ({@code role}) and answer
 * ({@code answer}, {@code correction_id}). A hand's {@code schedule} is its rate: {@code price} per hour in
 * {@code currency} (the contract's unless given), {@code duration}, {@code msp}, and {@code settings} with only
 * {@code credit}, {@code break} (minutes), {@code days} (0 = Sunday .. 6) and {@code hours} ({@code HH:MM}).
 * {@code limit} is a weekly cap in hours (0 = none).
 */
public final class HandRules {

    public static final BigDecimal MAX_PRICE = new BigDecimal("1000000");
    public static final int MAX_LIMIT_HOURS = 168;

    /** A rate as sent; null fields were not sent. */
    public record RateInput(BigDecimal price, String currency, Integer duration, Long msp, String label,
                            String description, String timezone, Instant start, Instant end, ObjectNode settings) {}

    /** Who, in what role with which levels, at what rate: levels and limit are null when not sent. */
    public record HandInput(Long userId, String email, ContractRole role, Integer read, Integer write, Integer limit,
                            RateInput rate) {}

    public record Answer(boolean yes, Long correctionId) {}

    private HandRules() {}

    /** {@code POST .../hands}: a known user, by id. */
    public static HandInput add(JsonNode body, String contractCurrency) {
        Validator v = Validator.of(body);
        Long userId = v.integer("user_id").required().min(1).value();
        ContractRole role = roleId(v, "role_id", true);
        return finish(v, new Partial(userId, null, role), contractCurrency);
    }

    /** {@code POST .../invite}: by user id or email, exactly one of them. */
    public static HandInput invite(JsonNode body, String contractCurrency) {
        Validator v = Validator.of(body);
        Long userId = v.integer("user_id").min(1).value();
        String email = v.string("email").max(100).email().value();
        if (userId == null && email == null && !v.hasError("user_id") && !v.hasError("email")) {
            v.fail("email", "The email field is required when user id is not present.");
        }
        if (userId != null && email != null) {
            v.fail("email", "Send either user id or email, not both.");
        }
        ContractRole role = roleName(v, false);
        if (!v.present("schedule")) {
            v.fail("schedule", "The schedule field is required.");
        }
        return finish(v, new Partial(userId, email, role == null && !v.hasError("role") ? ContractRole.MEMBER : role),
                contractCurrency);
    }

    /** {@code PUT .../hands/{hand}}: a new role, and optionally levels, cap and rate. */
    public static HandInput change(JsonNode body, String contractCurrency) {
        Validator v = Validator.of(body);
        ContractRole role = roleName(v, true);
        return finish(v, new Partial(null, null, role), contractCurrency);
    }

    public static Answer answer(JsonNode body) {
        Validator v = Validator.of(body);
        Boolean yes = v.bool("answer").required().value();
        Long correctionId = v.integer("correction_id").min(1).value();
        v.check();
        return new Answer(yes, correctionId);
    }

    private record Partial(Long userId, String email, ContractRole role) {}

    private static HandInput finish(Validator v, Partial who, String contractCurrency) {
        Long read = v.integer("read").between(0, ContractRole.MAX_LEVEL).value();
        Long write = v.integer("write").between(0, ContractRole.MAX_LEVEL).value();
        Long limit = v.integer("limit").between(0, MAX_LIMIT_HOURS).value();
        RateInput[] rate = new RateInput[1];
        v.object("schedule").fields(s -> rate[0] = rate(s, contractCurrency));
        v.check();
        return new HandInput(who.userId(), who.email(), who.role(), toInt(read), toInt(write), toInt(limit), rate[0]);
    }

    private static RateInput rate(Validator s, String contractCurrency) {
        String currency = s.string("currency").in(PriceCurrency.codes()).value();
        int places = PriceCurrency.decimalsOf(currency != null ? currency : contractCurrency);
        BigDecimal price = s.decimal("price").min(BigDecimal.ZERO).max(MAX_PRICE).places(places).value();
        Long duration = s.integer("duration").between(0, 24 * 60).value();
        Long msp = s.integer("msp").min(0).value();
        String label = s.string("label").max(255).value();
        String description = s.string("description").max(5000).value();
        String timezone = s.string("timezone").max(64).timezone().value();
        Instant start = instant(s.string("start").dateTime().value());
        Instant end = instant(s.string("end").dateTime().value());
        if (start != null && end != null && !end.isAfter(start)) {
            s.fail("end", "The schedule.end field must be a date after schedule.start.");
        }
        ObjectNode settings = s.object("settings").allowOnly(Set.of("credit", "break", "days", "hours")).fields(t -> {
            t.bool("credit");
            t.integer("break").between(0, 24 * 60);
            t.integers("days").maxItems(7).between(0, 6);
            t.object("hours").allowOnly(Set.of("start", "end")).fields(h -> {
                String from = h.string("start").required().time().value();
                String to = h.string("end").required().time().value();
                if (from != null && to != null && from.compareTo(to) >= 0) {
                    h.fail("end", "The schedule.settings.hours.end field must be a time after schedule.settings.hours.start.");
                }
            });
        }).value();
        return new RateInput(price, currency, toInt(duration), msp, label, description, timezone, start, end, settings);
    }

    /** {@code role_id}: an integer role (or its digit string). */
    private static ContractRole roleId(Validator v, String field, boolean required) {
        var id = v.integer(field);
        if (required) {
            id.required();
        }
        Long value = id.value();
        if (value == null) {
            return null;
        }
        ContractRole role = ContractRole.of(value).orElse(null);
        if (role == null) {
            v.fail(field, "The selected " + field.replace('_', ' ') + " is invalid.");
        }
        return role;
    }

    /** {@code role}: the reference's string, a role id ({@code "2"}) or name ({@code "manager"}); an integer too. */
    private static ContractRole roleName(Validator v, boolean required) {
        JsonNode sent = v.raw("role");
        if (sent != null && sent.isIntegralNumber()) {
            return roleId(v, "role", required);
        }
        var name = v.string("role").max(20);
        if (required) {
            name.required();
        }
        String text = name.value();
        if (text == null) {
            return null;
        }
        ContractRole role = ContractRole.parse(text).orElse(null);
        if (role == null) {
            v.fail("role", "The selected role is invalid.");
        }
        return role;
    }

    private static Integer toInt(Long value) {
        return value == null ? null : value.intValue();
    }

    private static Instant instant(String dateTime) {
        return dateTime == null ? null : OffsetDateTime.parse(dateTime).toInstant();
    }
}
