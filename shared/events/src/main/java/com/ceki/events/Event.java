package com.ceki.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * An event of the platform, whatever it belongs to (API.md, "Events: one model"): a booking on a schedule, a
 * contract's meeting or task (type 1), time entry or clock (2), payment (3) or bill (4), a personal tracker, a copy
 * exported into a kal. {@code billable*} is what it belongs to (a schedule or a contract), {@code benefitable*} whom
 * it is for (a user or a contract hand, with that hand's user). {@code amount} is what it costs (or, for a payment,
 * what was paid), {@code paid} how much of it payments have covered. {@code sequence} grows with every change: it
 * is the optimistic lock of every update and the iCalendar {@code SEQUENCE}.
 */
public record Event(long id, int typeId, int statusId, long userId, String billableType, Long billableId,
                    String benefitableType, Long benefitableId, Long benefitableUserId, Long kalId, Long parentId,
                    Long originId, String externalId, String label, String description, String timezone,
                    Instant start, Instant end, Integer duration, String date, BigDecimal amount, BigDecimal paid,
                    BigDecimal rate, String currency, int paymentStatusId, boolean isPrivate, boolean credit,
                    List<Long> files, ArrayNode attendees, ObjectNode data, Long billId, long sequence,
                    Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public static final int TYPE_MEETING = 1;
    public static final int TYPE_TIME = 2;
    public static final int TYPE_PAYMENT = 3;
    public static final int TYPE_BILL = 4;

    public static final int STATUS_NEW = 100;
    /** Confirmed (a booking), approved (a contract transaction). */
    public static final int STATUS_CONFIRMED = 200;
    public static final int STATUS_DECLINED = 400;
    public static final int STATUS_CANCELLED = 444;
    /** A running clock or tracker. */
    public static final int STATUS_RUNNING = 555;
    public static final int STATUS_DONE = 777;

    public static final int UNPAID = 100;
    public static final int PAID = 200;
    public static final int PARTLY_PAID = 300;

    public static final String SCHEDULE = "Schedule";
    public static final String CONTRACT = "Contract";
    public static final String USER = "User";
    public static final String CONTRACT_HAND = "ContractHand";

    public Event {
        files = files == null ? List.of() : List.copyOf(files);
        paid = paid == null ? BigDecimal.ZERO : paid;
    }

    /** What is left to pay (zero when it costs nothing). */
    public BigDecimal outstanding() {
        return amount == null ? BigDecimal.ZERO : amount.subtract(paid).max(BigDecimal.ZERO);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** The zone its local times are read in: its own, else {@code fallback} (its schedule's or contract's). */
    public ZoneId zoneOr(String fallback) {
        return ZoneId.of(timezone != null ? timezone : fallback);
    }

    public boolean belongsTo(String type, long id) {
        return type.equals(billableType) && billableId != null && billableId == id;
    }

    /** The payment status that {@code paidAmount} of {@code amount} means. */
    public static int paymentStatus(BigDecimal amount, BigDecimal paidAmount) {
        if (amount == null || paidAmount.compareTo(amount) >= 0) {
            return PAID;
        }
        return paidAmount.signum() > 0 ? PARTLY_PAID : UNPAID;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(long id, int typeId, long userId, Instant now) {
        return new Builder(id, typeId, userId, now);
    }

    /** Builds an event field by field; {@link Event#toBuilder} starts from an existing one (a change). */
    public static final class Builder {
        private long id;
        private int typeId;
        private int statusId = STATUS_NEW;
        private long userId;
        private String billableType;
        private Long billableId;
        private String benefitableType;
        private Long benefitableId;
        private Long benefitableUserId;
        private Long kalId;
        private Long parentId;
        private Long originId;
        private String externalId;
        private String label;
        private String description;
        private String timezone;
        private Instant start;
        private Instant end;
        private Integer duration;
        private String date;
        private BigDecimal amount;
        private BigDecimal paid = BigDecimal.ZERO;
        private BigDecimal rate;
        private String currency;
        private int paymentStatusId = UNPAID;
        private boolean isPrivate;
        private boolean credit;
        private List<Long> files = List.of();
        private ArrayNode attendees;
        private ObjectNode data;
        private Long billId;
        private long sequence;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant deletedAt;

        private Builder(long id, int typeId, long userId, Instant now) {
            this.id = id;
            this.typeId = typeId;
            this.userId = userId;
            this.createdAt = now;
            this.updatedAt = now;
        }

        private Builder(Event e) {
            id = e.id; typeId = e.typeId; statusId = e.statusId; userId = e.userId; billableType = e.billableType;
            billableId = e.billableId; benefitableType = e.benefitableType; benefitableId = e.benefitableId;
            benefitableUserId = e.benefitableUserId; kalId = e.kalId; parentId = e.parentId; originId = e.originId;
            externalId = e.externalId; label = e.label; description = e.description; timezone = e.timezone;
            start = e.start; end = e.end; duration = e.duration; date = e.date; amount = e.amount; paid = e.paid;
            rate = e.rate; currency = e.currency; paymentStatusId = e.paymentStatusId; isPrivate = e.isPrivate;
            credit = e.credit; files = e.files; attendees = e.attendees; data = e.data; billId = e.billId;
            sequence = e.sequence; createdAt = e.createdAt; updatedAt = e.updatedAt; deletedAt = e.deletedAt;
        }

        public Builder id(long v) { id = v; return this; }
        public Builder status(int v) { statusId = v; return this; }
        public Builder billable(String type, Long billable) { billableType = type; billableId = billable; return this; }
        public Builder benefitable(String type, Long benefitable, Long user) {
            benefitableType = type; benefitableId = benefitable; benefitableUserId = user; return this;
        }
        public Builder kal(Long v) { kalId = v; return this; }
        public Builder parent(Long v) { parentId = v; return this; }
        public Builder origin(Long v) { originId = v; return this; }
        public Builder externalId(String v) { externalId = v; return this; }
        public Builder label(String v) { label = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder timezone(String v) { timezone = v; return this; }
        /** The time span; {@code minutes} is the length in elapsed minutes (null for none). */
        public Builder time(Instant from, Instant to, Integer minutes) { start = from; end = to; duration = minutes; return this; }
        public Builder date(String v) { date = v; return this; }
        /** Cost (or, for a payment, what it paid), what is paid of it, and its payment status, in {@code code}. */
        public Builder money(BigDecimal cost, BigDecimal paidSoFar, String code) {
            amount = cost; paid = paidSoFar == null ? BigDecimal.ZERO : paidSoFar; currency = code;
            paymentStatusId = Event.paymentStatus(cost, paid);
            return this;
        }
        public Builder rate(BigDecimal v) { rate = v; return this; }
        public Builder paymentStatus(int v) { paymentStatusId = v; return this; }
        public Builder isPrivate(boolean v) { isPrivate = v; return this; }
        public Builder credit(boolean v) { credit = v; return this; }
        public Builder files(List<Long> v) { files = v; return this; }
        public Builder attendees(ArrayNode v) { attendees = v; return this; }
        public Builder data(ObjectNode v) { data = v; return this; }
        public Builder bill(Long v) { billId = v; return this; }
        public Builder deleted(Instant v) { deletedAt = v; return this; }

        /** The event as changed at {@code now}: a new sequence number and {@code updated_at}. */
        public Event changedAt(Instant now) {
            sequence++;
            updatedAt = now;
            return build();
        }

        public Event build() {
            return new Event(id, typeId, statusId, userId, billableType, billableId, benefitableType, benefitableId,
                    benefitableUserId, kalId, parentId, originId, externalId, label, description, timezone, start, end,
                    duration, date, amount, paid, rate, currency, paymentStatusId, isPrivate, credit, files, attendees,
                    data, billId, sequence, createdAt, updatedAt, deletedAt);
        }
    }
}
