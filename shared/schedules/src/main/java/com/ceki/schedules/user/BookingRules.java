package com.ceki.schedules.user;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.money.PriceCurrency;
import com.ceki.core.validation.Validator;
import com.ceki.events.Event;
import com.ceki.events.EventRepository;
import com.ceki.events.EventTimes;
import com.ceki.schedules.ScheduleRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * A booking request ({@code POST /api/schedules/{schedule}/events}): its time by the one time rule
 * ({@link EventTimes}: an instant in {@code date}, or a calendar {@code date} with a local {@code start} in the
 * schedule's zone, and {@code duration} minutes 15..1440 or an {@code end}). A booking is confirmed (200) unless
 * sent as new (100); only confirmed bookings hold their time.
 */
public final class BookingRules {

    public record Input(EventTimes.Requested time, int statusId, BigDecimal price, String currency, String label,
                        String description, List<Long> files, ArrayNode attendees, String externalId) {}

    private BookingRules() {}

    /** @param scheduleCurrency the schedule's currency: a price without its own is in it (null: none) */
    public static Input read(JsonNode body, String scheduleCurrency) {
        Validator v = Validator.of(body);
        boolean dateSent = v.string("date").required().present();
        EventTimes.Requested time = EventTimes.read(v, 15, 24 * 60);
        Long status = v.integer("status_id").value();
        if (status != null && status != Event.STATUS_NEW && status != Event.STATUS_CONFIRMED && !v.hasError("status_id")) {
            v.fail("status_id", "A booking is created new (100) or confirmed (200).");
        }
        Long type = v.integer("type_id").value();
        if (type != null && type != Event.TYPE_MEETING && !v.hasError("type_id")) {
            v.fail("type_id", "Only meetings (type 1) are booked on a schedule.");
        }
        String currency = v.string("currency").in(ScheduleRules.CURRENCIES).value();
        BigDecimal price = v.decimal("price").min(BigDecimal.ZERO).max(new BigDecimal("1000000"))
                .places(PriceCurrency.decimalsOf(currency != null ? currency : scheduleCurrency)).value();
        String label = v.string("label").required().max(255).value();
        String description = v.string("description").max(5000).value();
        List<Long> files = v.integers("files").maxItems(UserScheduleRules.MAX_FILES).min(1).value();
        ArrayNode attendees = v.objects("attendees").maxItems(50).maxKilobytes(50).each(a -> a.string("label").required().max(255).email()).value();
        String externalId = v.string("external_id").max(EventRepository.EXTERNAL_ID_MAX_CHARS)
                .maxBytes(EventRepository.EXTERNAL_ID_MAX_BYTES).value();
        v.check();
        if (!dateSent || time == null) {
            throw ValidationFailed.of("date", "The date field is required.");
        }
        if (!time.hasTime()) {
            throw ValidationFailed.of("start", "The start field is required when date is a calendar date.");
        }
        return new Input(time, status != null ? status.intValue() : Event.STATUS_CONFIRMED, price, currency, label,
                description, files != null ? files : List.of(), attendees != null ? attendees : Json.array(), externalId);
    }
}
