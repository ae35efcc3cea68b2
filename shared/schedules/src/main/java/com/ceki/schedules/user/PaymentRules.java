package com.ceki.schedules.user;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.money.PriceCurrency;
import com.ceki.core.validation.Validator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A payment request ({@code POST /api/schedules/{schedule}/payments}): date, amount >= 1 in the schedule's currency
 * (with no more decimals than it has), label, the bookings.
 */
public final class PaymentRules {

    public record Input(Instant date, BigDecimal amount, String label, Long benefitableId, String benefitableType,
                        List<Long> ids) {}

    private PaymentRules() {}

    /** @param currency the schedule's currency (null: none) */
    public static Input read(JsonNode body, String currency) {
        Validator v = Validator.of(body);
        String date = v.string("date").required().dateTime().value();
        BigDecimal amount = v.decimal("amount").required().min(BigDecimal.ONE).max(new BigDecimal("1000000000"))
                .places(PriceCurrency.decimalsOf(currency)).value();
        String label = v.string("label").max(255).value();
        Long benefitableId = v.integer("benefitable_id").min(1).value();
        String benefitableType = v.string("benefitable_type").in("User", "ContractHand").value();
        List<Long> ids = v.integers("ids").maxItems(99).min(1).value(); // one transaction: the payment and at most 99 bookings
        v.check();
        if (ids == null || ids.isEmpty()) {
            throw ValidationFailed.of("ids", "The ids field is required.");
        }
        return new Input(OffsetDateTime.parse(date).toInstant(), amount, label, benefitableId, benefitableType, ids);
    }
}
