package com.ceki.schedules.user;

import com.ceki.core.money.PriceCurrency;
import com.ceki.core.validation.Validator;
import com.ceki.schedules.ScheduleRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A booking request ({@code POST /api/schedules/{schedule}/events}): {@code date} (its calendar date as written,
 * {@code 2026-04-20} or {@code 2026-04-20T00:00:00Z}), {@code start} as local {@code HH:MM} in the schedule's zone,
 * and {@code duration} in minutes (>= 15) or an {@code end} {@code HH:MM}. A booking is confirmed (200) unless
 * sent as new (100); only confirmed bookings hold their time.
 */
public final class BookingRules {

    public record Input(LocalDate date, LocalTime start, Integer duration, int statusId, BigDecimal price,
                        String currency, String label, String description, List<Long> files, ArrayNode attendees) {}

    private BookingRules() {}

    /** @param scheduleCurrency the schedule's currency: a price without its own is in it (null: none) */
    public static Input read(JsonNode body, String scheduleCurrency) {
        Validator v = Validator.of(body);
        String dateText = v.string("date").required().max(40).value();
        LocalDate date = null;
        if (dateText != null) {
            date = date(dateText);
            if (date == null) {
                v.fail("date", "The date field must be a valid date.");
            }
        }
        String startText = v.string("start").required().time().value();
        Long duration = v.integer("duration").between(15, 24 * 60).value();
        String endText = v.string("end").time().value();
        Long status = v.integer("status_id").value();
        if (status != null && status != ScheduleEvent.STATUS_NEW && status != ScheduleEvent.STATUS_CONFIRMED
                && !v.hasError("status_id")) {
            v.fail("status_id", "A booking is created new (100) or confirmed (200).");
        }
        Long type = v.integer("type_id").value();
        if (type != null && type != ScheduleEvent.TYPE_BOOKING && !v.hasError("type_id")) {
            v.fail("type_id", "Only meetings (type 1) are booked on a schedule.");
        }
        String currency = v.string("currency").in(ScheduleRules.CURRENCIES).value();
        BigDecimal price = v.decimal("price").min(BigDecimal.ZERO).max(new BigDecimal("1000000"))
                .places(PriceCurrency.decimalsOf(currency != null ? currency : scheduleCurrency)).value();
        String label = v.string("label").required().max(255).value();
        String description = v.string("description").max(5000).value();
        List<Long> files = v.integers("files").maxItems(UserScheduleRules.MAX_FILES).min(1).value();
        ArrayNode attendees = v.objects("attendees").maxItems(50).maxKilobytes(50).each(a -> a.string("label").required().max(255).email()).value();
        v.check();
        LocalTime start = LocalTime.parse(startText);
        Integer minutes = duration != null ? Integer.valueOf(duration.intValue()) : null;
        if (minutes == null && endText != null) {
            LocalTime end = LocalTime.parse(endText);
            if (!end.isAfter(start)) {
                throw com.ceki.core.errors.ValidationFailed.of("end", "The end field must be a time after start.");
            }
            minutes = (int) java.time.Duration.between(start, end).toMinutes();
            if (minutes < 15) {
                throw com.ceki.core.errors.ValidationFailed.of("end", "A booking lasts at least 15 minutes.");
            }
        }
        return new Input(date, start, minutes, status != null ? status.intValue() : ScheduleEvent.STATUS_CONFIRMED, price,
                currency, label, description, files != null ? files : List.of(),
                attendees != null ? attendees : com.ceki.core.json.Json.array());
    }

    /** The calendar date as written: {@code YYYY-MM-DD}, alone or at the start of a date-time. */
    private static LocalDate date(String text) {
        if (text.length() < 10 || (text.length() > 10 && text.charAt(10) != 'T')) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.substring(0, 10));
            if (text.length() > 10) {
                java.time.OffsetDateTime.parse(text); // the rest must be a valid date-time too
            }
            return date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
