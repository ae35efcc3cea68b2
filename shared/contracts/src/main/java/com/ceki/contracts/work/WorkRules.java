package com.ceki.contracts.work;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.money.PriceCurrency;
import com.ceki.core.validation.Validator;
import com.ceki.events.Event;
import com.ceki.events.EventQuery;
import com.ceki.events.EventRepository;
import com.ceki.events.EventTimes;
import com.ceki.storage.WriteTransaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The requests of a contract's work and money routes, read and checked; each failure a 422 naming its field. */
public final class WorkRules {

    public static final int MAX_FILES = 20;
    public static final int MAX_BATCH = 100;
    /** A bill's items are one transaction with the bill, its attendance and the contract's count: 100 writes. */
    public static final int MAX_BILL_ITEMS = WriteTransaction.MAX_ITEMS - 3;
    public static final int MAX_ENTRY_MINUTES = 24 * 60;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    private static final Set<String> ATTENDEE_KEYS = Set.of("label");

    /** A manual time entry: its hand (null: the caller's), its time (null: ending now), its minutes. */
    public record TimeInput(Long handId, EventTimes.Requested time, Integer minutes, String label, String description,
                            List<Long> files) {}

    /** A meeting or task, or the change of an event ({@code sent} tells a PUT which fields to change). */
    public record EventInput(EventTimes.Requested time, Integer statusId, BigDecimal amount, String currency,
                             String label, String description, Boolean isPrivate, Boolean credit, Long parentId,
                             Long handId, List<Long> files, ArrayNode attendees, String externalId, Set<String> sent) {
        public boolean sent(String field) {
            return sent.contains(field);
        }
    }

    public record PaymentInput(Instant date, BigDecimal amount, String label, Long handId, String currency) {}

    public record BillInput(String label, ArrayNode users, ArrayNode visiblecol, List<BillItem> items) {}

    public record BillItem(long id, String type, ArrayNode fields) {}

    private WorkRules() {}

    /** {@code POST .../time}: {@code duration} (or {@code end}), {@code benefitable_id}, optionally the time. */
    public static TimeInput time(JsonNode body) {
        Validator v = Validator.of(body);
        Long handId = v.integer("benefitable_id").min(1).value();
        EventTimes.Requested time = EventTimes.read(v, 15, MAX_ENTRY_MINUTES);
        // A null is no value: "duration": null is as good as absent (required unless end is sent).
        boolean duration = v.filled("duration");
        if (!duration && !v.filled("end")) {
            v.integer("duration").required();
        }
        String label = v.string("label").max(255).value();
        String description = v.string("description").max(5000).value();
        List<Long> files = v.integers("files").maxItems(MAX_FILES).min(1).value();
        v.check();
        if (time != null && !time.hasTime()) {
            throw ValidationFailed.of("start", "The start field is required when date is a calendar date.");
        }
        if (time == null && !duration) {
            throw ValidationFailed.of("duration", "The duration field is required when no date is sent.");
        }
        Integer minutes = time != null ? null : v.integer("duration").value().intValue();
        return new TimeInput(handId, time, minutes, label, description, files != null ? files : List.of());
    }

    /** {@code POST .../transactions/{transaction}/time}: {@code date}, {@code time} minutes, {@code label}, {@code hand_id}. */
    public static TimeInput childTime(JsonNode body) {
        Validator v = Validator.of(body);
        boolean dated = v.string("date").required().present();
        EventTimes.Requested time = EventTimes.read(v, 15, MAX_ENTRY_MINUTES);
        Long minutes = v.integer("time").required().between(15, MAX_ENTRY_MINUTES).value();
        String label = v.string("label").required().max(255).value();
        Long handId = v.integer("hand_id").required().min(1).value();
        List<Long> files = v.integers("files").maxItems(MAX_FILES).min(1).value();
        v.check();
        if (!dated || time == null || !time.hasTime()) {
            throw ValidationFailed.of("date", "The date field must be a date-time, or a date with a start.");
        }
        return new TimeInput(handId, time, minutes.intValue(), label, null, files != null ? files : List.of());
    }

    /** The {@code date} of a clock's start: a date-time with an offset; absent means now. */
    public static Instant clockStart(JsonNode body) {
        Validator v = Validator.of(body);
        String date = v.string("date").dateTime().value();
        v.check();
        return date == null ? null : OffsetDateTime.parse(date).toInstant();
    }

    /** The {@code benefitable_id} a contract's start names (a hand), or null for the caller's own. */
    public static Long clockHand(JsonNode body) {
        Validator v = Validator.of(body);
        Long handId = v.integer("benefitable_id").min(1).value();
        v.check();
        return handId;
    }

    /** A stop's {@code date}, if it reads as a date-time at all: a stop is never refused for its body. */
    public static Instant clockStop(String rawBody) {
        try {
            JsonNode body = Json.parse(rawBody.isBlank() ? "{}" : rawBody);
            return body.hasNonNull("date") ? OffsetDateTime.parse(body.get("date").asText()).toInstant() : null;
        } catch (Exception unreadable) { // any body: the clock stops at the server's time
            return null;
        }
    }

    /** {@code POST .../events} (a meeting or task) and {@code PUT .../events/{event}} ({@code update}). */
    public static EventInput event(JsonNode body, boolean update, String contractCurrency) {
        Validator v = Validator.of(body);
        EventTimes.Requested time = EventTimes.read(v, 15, MAX_ENTRY_MINUTES);
        Long status = null;
        if (update) {
            status = v.integer("status_id").value();
            if (status != null && status != Event.STATUS_NEW && status != Event.STATUS_DECLINED
                    && status != Event.STATUS_CANCELLED && status != Event.STATUS_DONE && !v.hasError("status_id")) {
                v.fail("status_id", "The selected status id is invalid.");
            }
        } else {
            Long type = v.integer("type_id").value();
            if (type != null && type != Event.TYPE_MEETING && !v.hasError("type_id")) {
                v.fail("type_id", "Contract events created here are meetings and tasks (type 1); time is logged with /time.");
            }
        }
        String currency = v.string("currency").in(PriceCurrency.codes()).value();
        BigDecimal amount = v.decimal("amount").min(BigDecimal.ZERO).max(MAX_AMOUNT).places(decimals(currency, contractCurrency)).value();
        var label = v.string("label").max(255);
        if (!update || v.present("label")) {
            label.required();
        }
        String description = v.string("description").max(5000).value();
        Boolean isPrivate = v.bool("private").value();
        Boolean credit = v.bool("credit").value();
        Long parentId = v.integer("parent_id").min(1).value();
        Long[] handId = new Long[1];
        v.object("benefitable").allowOnly(Set.of("value")).fields(b -> handId[0] = b.integer("value").min(1).value());
        List<Long> files = v.integers("files").maxItems(MAX_FILES).min(1).value();
        // An attendee is stored as sent: only its documented key, so nothing else reaches the event's item.
        ArrayNode attendees = v.objects("attendees").maxItems(50).maxKilobytes(50).each(a -> {
            a.allowOnly(ATTENDEE_KEYS);
            a.string("label").required().max(255).email();
        }).value();
        String externalId = update ? null : v.string("external_id").max(EventRepository.EXTERNAL_ID_MAX_CHARS)
                .maxBytes(EventRepository.EXTERNAL_ID_MAX_BYTES).value();
        if (update && v.present("external_id")) {
            v.fail("external_id", "An event's external id is given when it is created.");
        }
        v.check();
        if (time != null && !time.hasTime()) {
            throw ValidationFailed.of("start", "The start field is required when date is a calendar date.");
        }
        Set<String> sent = new HashSet<>();
        body.fieldNames().forEachRemaining(sent::add);
        return new EventInput(time, status == null ? null : status.intValue(), amount, currency, label.value(),
                description, isPrivate, credit, parentId, handId[0], files, attendees, externalId, sent);
    }

    /** {@code .../transactions/{transaction}/pay}: {@code date}, {@code amount}, {@code label}. */
    public static PaymentInput payment(JsonNode body, boolean forHand) {
        Validator v = Validator.of(body);
        String date = v.string("date").required().dateTime().value();
        String currency = forHand ? v.string("currency").in(PriceCurrency.codes()).value() : null;
        BigDecimal amount = v.decimal("amount").required().min(new BigDecimal("0.01")).max(MAX_AMOUNT).value();
        String label = v.string("label").max(255).value();
        Long handId = forHand ? v.integer("benefitable_id").min(1).value() : null;
        v.check();
        return new PaymentInput(OffsetDateTime.parse(date).toInstant(), amount, label, handId, currency);
    }

    /** The amount's decimals must fit the currency it is paid in (422 naming amount, never rounded). */
    public static void requirePlaces(BigDecimal amount, String currency) {
        int places = decimals(currency, null);
        if (amount.stripTrailingZeros().scale() > places) {
            throw ValidationFailed.of("amount", "The amount field must have at most " + places + " decimal places.");
        }
    }

    /** {@code transactions}: 1..100 event ids. */
    public static List<Long> transactions(JsonNode body) {
        Validator v = Validator.of(body);
        List<Long> ids = v.integers("transactions").required().maxItems(MAX_BATCH).min(1).value();
        v.check();
        if (ids == null || ids.isEmpty()) {
            throw ValidationFailed.of("transactions", "The transactions field must have at least 1 item.");
        }
        return ids;
    }

    /** {@code POST .../bills}: {@code label}, {@code data {users, visiblecol, items [{id, type, fields}]}}. */
    public static BillInput bill(JsonNode body, boolean update) {
        Validator v = Validator.of(body);
        String label = v.string("label").required().max(255).value();
        ArrayNode[] lists = new ArrayNode[2];
        List<BillItem> items = new ArrayList<>();
        var data = v.object("data");
        if (!update) {
            data.required();
        }
        data.allowOnly(update ? Set.of("users", "visiblecol") : Set.of("users", "visiblecol", "items")).fields(d -> {
            // A bill's data is one attribute of its item: bounded in bytes (multi-byte text too) to fit DynamoDB's 400 KB.
            d.strings("users").maxItems(100).itemMax(255).maxKilobytes(40);
            d.strings("visiblecol").maxItems(50).itemMax(100).maxKilobytes(10);
            lists[0] = d.raw("users") instanceof ArrayNode a ? a : null;
            lists[1] = d.raw("visiblecol") instanceof ArrayNode a ? a : null;
            d.objects("items").maxItems(MAX_BILL_ITEMS).maxKilobytes(300).each(item -> {
                Long id = item.integer("id").required().min(1).value();
                String type = item.string("type").max(50).value();
                item.strings("fields").maxItems(50).itemMax(100);
                ArrayNode fields = item.raw("fields") instanceof ArrayNode a ? a : Json.array();
                if (id != null) {
                    items.add(new BillItem(id, type, fields));
                }
            });
        });
        v.check();
        return new BillInput(label, lists[0], lists[1], items);
    }

    /** The filters, order and page of {@code GET .../events} (and of bills: only order and page). */
    public static EventQuery listing(Map<String, List<String>> query, boolean filters) {
        Validator v = Validator.ofQuery(query);
        EventQuery q = new EventQuery();
        Long perPage = v.integer("perPage").between(1, 100).value();
        Long page = v.integer("page").between(1, 1_000_000).value();
        String sortBy = v.string("sortBy").in(EventQuery.SORTS.toArray(String[]::new)).value();
        Boolean descending = v.bool("descending").value();
        if (filters) {
            q.user(v.integer("user_id").min(1).value());
            Long payment = v.integer("payment_status_id").value();
            if (payment != null && payment != Event.UNPAID && payment != Event.PAID && payment != Event.PARTLY_PAID) {
                v.fail("payment_status_id", "The selected payment status id is invalid.");
            }
            Long status = v.integer("status_id").value();
            if (status != null && !Set.of(100L, 200L, 400L, 444L, 555L, 777L).contains(status)) {
                v.fail("status_id", "The selected status id is invalid.");
            }
            Long type = v.integer("type_id").between(1, 4).value();
            v.integer("contract_id").min(1);
            Instant start = v.timeBound("start", false);
            Instant end = v.timeBound("end", true);
            Instant from = v.timeBound("dates[from]", false);
            Instant to = v.timeBound("dates[to]", true);
            List<String> notNull = v.strings("nn").maxItems(8).value();
            if (notNull != null) {
                for (int i = 0; i < notNull.size(); i++) {
                    if (!EventQuery.NOT_NULL_FIELDS.contains(notNull.get(i))) {
                        v.fail("nn." + i, "The selected nn." + i + " is invalid.");
                    }
                }
            }
            if (from != null && to != null && to.isBefore(from)) {
                v.fail("dates[to]", "The dates[to] field must be a date after or equal to dates[from].");
            }
            q.paymentStatus(payment == null ? null : payment.intValue()).status(status == null ? null : status.intValue())
                    .type(type == null ? null : type.intValue()).within(start, end).window(from, to)
                    .notNull(notNull == null || v.hasErrors() ? List.of() : notNull);
        }
        v.check();
        return q.order(sortBy != null ? sortBy : "start", descending == null || descending)
                .page(page == null ? 1 : page.intValue(), perPage == null ? 15 : perPage.intValue());
    }

    private static int decimals(String currency, String fallback) {
        return PriceCurrency.decimalsOf(currency != null ? currency : fallback);
    }
}
