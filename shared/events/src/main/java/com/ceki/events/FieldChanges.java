package com.ceki.events;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.money.PriceCurrency;
import com.ceki.core.time.Timestamps;
import com.ceki.core.validation.Validator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The changes a {@code PUT /api/events/{event}} asks for, field by field, as text: what the event's owner applies at
 * once, and what another attendee's request turns into corrections (one per changed field). The fields:
 * {@code label}, {@code description}, {@code private}, {@code credit}, {@code amount}, {@code status_id} (100, 444
 * cancelled, 777 done), {@code timezone}, and {@code time}, the span that {@code date}, {@code start},
 * {@code end} and {@code duration} give by the one time rule ({@code {"start": ..., "end": ...}}).
 */
public final class FieldChanges {

    public static final Set<String> FIELDS = Set.of("label", "description", "private", "credit", "amount", "status_id",
            "timezone", "time");

    private FieldChanges() {}

    /** The fields a request changes, with their new values as text (null: cleared); only what differs from now. */
    public static Map<String, String> read(JsonNode body, Event current) {
        Validator v = Validator.of(body);
        EventTimes.Requested time = EventTimes.read(v, 15, 24 * 60);
        Long status = v.integer("status_id").value();
        if (status != null && status != Event.STATUS_NEW && status != Event.STATUS_CANCELLED && status != Event.STATUS_DONE
                && !v.hasError("status_id")) {
            v.fail("status_id", "The selected status id is invalid.");
        }
        if (v.present("payment_status_id")) {
            v.fail("payment_status_id", "The payment status follows the payments recorded.");
        }
        var label = v.string("label").max(255);
        if (v.present("label")) {
            label.required();
        }
        String description = v.string("description").max(5000).value();
        Boolean isPrivate = v.bool("private").value();
        Boolean credit = v.bool("credit").value();
        int places = PriceCurrency.decimalsOf(current.currency());
        BigDecimal amount = v.decimal("amount").min(BigDecimal.ZERO).max(new BigDecimal("1000000000")).places(places).value();
        if (amount == null && v.present("amount") && current.paid().signum() > 0 && !v.hasError("amount")) {
            v.fail("amount", "The amount of what is paid (" + current.paid().toPlainString() + ") cannot be cleared.");
        }
        if (amount != null && amount.compareTo(current.paid()) < 0) {
            v.fail("amount", "The amount may not be less than what is paid (" + current.paid().toPlainString() + ").");
        }
        // A duration cannot be cleared: null is not a change (as null status_id, private or credit are not).
        Long duration = v.integer("duration").value();
        v.check();
        Map<String, String> changes = new LinkedHashMap<>();
        put(changes, current, "label", v.present("label"), label.value());
        put(changes, current, "description", v.present("description"), description);
        put(changes, current, "private", isPrivate != null, String.valueOf(isPrivate));
        put(changes, current, "credit", credit != null, String.valueOf(credit));
        put(changes, current, "amount", v.present("amount"), amount == null ? null : amount.stripTrailingZeros().toPlainString());
        put(changes, current, "status_id", status != null, String.valueOf(status));
        if (time != null) {
            if (!time.hasTime()) {
                throw ValidationFailed.of("start", "The start field is required when date is a calendar date.");
            }
            ZoneId zone = time.zoneOr(current.zoneOr("UTC"));
            EventTimes.Span span = time.span(zone, current.duration() != null ? current.duration() : 60);
            put(changes, current, "time", true, time(span.start(), span.end()));
            put(changes, current, "timezone", time.zone() != null, zone.getId());
        } else if (duration != null && current.start() != null) {
            Instant end = EventTimes.within(current.start().plusSeconds(duration * 60L), "duration");
            put(changes, current, "time", true, time(current.start(), end));
        }
        return changes;
    }

    /** {@code event} with {@code field} set to {@code value} (as {@link #read} writes values). */
    public static Event.Builder apply(Event.Builder event, Event current, String field, String value) {
        return switch (field) {
            case "label" -> event.label(value);
            case "description" -> event.description(value);
            case "private" -> event.isPrivate(Boolean.parseBoolean(value));
            case "credit" -> event.credit(Boolean.parseBoolean(value));
            case "amount" -> event.money(value == null ? null : new BigDecimal(value), current.paid(), current.currency());
            case "status_id" -> event.status(Integer.parseInt(value));
            case "timezone" -> event.timezone(value);
            case "time" -> {
                JsonNode span = Json.stored(value);
                Instant start = Instant.parse(span.path("start").asText());
                Instant end = Instant.parse(span.path("end").asText());
                ZoneId zone = current.zoneOr("UTC");
                yield event.time(start, end, (int) Duration.between(start, end).toMinutes())
                        .date(LocalDate.ofInstant(start, zone).toString());
            }
            default -> throw new IllegalArgumentException("Not a changeable field: " + field);
        };
    }

    /** The value {@code field} holds on {@code event}, as {@link #read} writes values. */
    public static String valueOf(Event event, String field) {
        return switch (field) {
            case "label" -> event.label();
            case "description" -> event.description();
            case "private" -> String.valueOf(event.isPrivate());
            case "credit" -> String.valueOf(event.credit());
            case "amount" -> event.amount() == null ? null : event.amount().stripTrailingZeros().toPlainString();
            case "status_id" -> String.valueOf(event.statusId());
            case "timezone" -> event.timezone();
            case "time" -> event.start() == null ? null : time(event.start(), event.end());
            default -> throw new IllegalArgumentException("Not a changeable field: " + field);
        };
    }

    /** Every change applied to {@code event}. */
    public static Event.Builder applyAll(Event event, Map<String, String> changes) {
        Event.Builder builder = event.toBuilder();
        changes.forEach((field, value) -> apply(builder, event, field, value));
        return builder;
    }

    private static String time(Instant start, Instant end) {
        return Json.write(Json.object().put("start", Timestamps.seconds(start)).put("end", Timestamps.seconds(end)));
    }

    private static void put(Map<String, String> changes, Event current, String field, boolean sent, String value) {
        if (sent && !Objects.equals(valueOf(current, field), value)) {
            changes.put(field, value);
        }
    }
}
