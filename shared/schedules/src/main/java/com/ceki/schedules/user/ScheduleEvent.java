package com.ceki.schedules.user;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An event of a schedule: a booking (type 1) or a payment (type 3). {@code amount} is what a booking costs, or
 * what a payment paid; {@code paid} how much of a booking's amount payments have covered so far.
 */
public record ScheduleEvent(long id, long scheduleId, long userId, int typeId, int statusId, Long kalId, String label,
                            String description, String timezone, Instant start, Instant end, Integer duration,
                            BigDecimal amount, String currency, String date, int paymentStatusId, BigDecimal paid,
                            ArrayNode attendees, List<Long> files, String benefitableType, Long benefitableId,
                            Instant createdAt, Instant updatedAt) {

    public static final int TYPE_BOOKING = 1;
    public static final int TYPE_PAYMENT = 3;

    public static final int STATUS_NEW = 100;
    public static final int STATUS_CONFIRMED = 200;

    public static final int UNPAID = 100;
    public static final int PAID = 200;
    public static final int PARTLY_PAID = 300;

    /** What is left to pay on a booking (zero for a free one). */
    public BigDecimal outstanding() {
        return amount == null ? BigDecimal.ZERO : amount.subtract(paid).max(BigDecimal.ZERO);
    }
}
