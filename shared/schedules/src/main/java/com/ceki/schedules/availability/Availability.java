package com.ceki.schedules.availability;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a user schedule can be booked: the pure rules over its validated {@code settings} (see
 * {@link UserScheduleSettings}), its time zone and its window {@code [start, end]}. No storage: overlap with existing
 * bookings and {@code singleEvent} ("at most one booking per local day") are the caller's.
 *
 * <p>Rules:
 * <ul>
 * <li>Everything is evaluated in the schedule's zone. A local start time that does not exist that day (spring gap)
 *     is not bookable (422 on {@code start}); one that exists twice (autumn overlap) resolves to the EARLIER offset,
 *     the first occurrence, so it is bookable once. The end is the start plus the duration in elapsed minutes.</li>
 * <li>The booking lies inside that date's hours window {@code [date@hours.start, date@hours.end]} resolved in the
 *     zone (a bound in a gap moves forward; {@code "24:00"} is the next day's 00:00); no hours = the whole local
 *     day. A "09:00 every Monday" slot therefore stays 09:00 local across DST changes.</li>
 * <li>{@code days} (0 = Sunday .. 6 = Saturday) lists the bookable days of week; absent or empty = every day.</li>
 * <li>{@code rpt}: absent = every week. Otherwise every {@code no}-th (default 1) day / week (Monday-based) / month
 *     counted from the schedule's start local date; type {@code dates} = only the {@code selected} local dates
 *     ({@code days} ignored). Dates before the schedule's start date are never bookable. A selected date-time with
 *     an offset counts as its local date in the schedule's zone; a bare {@code YYYY-MM-DD} as itself.</li>
 * <li>The booking lies inside the schedule window (an absent end = open) and lasts 15..1440 minutes.</li>
 * <li>{@code oneByOne}: starts on the wall-clock grid {@code hours.start + k * settings.duration} and lasts exactly
 *     {@code settings.duration} (else the schedule's duration given to {@code of}; with neither, no grid).</li>
 * <li>{@code events} templates (non-empty list; {@code rpt.status: false} disables one) replace the grid and the
 *     hours: the start and duration must equal an enabled template's, on a date the template allows — its
 *     {@code rpt.type dates} → only its {@code selected} dates; otherwise the schedule's {@code rpt} cadence and
 *     the template's {@code rpt.days}, else the schedule's {@code days}. The slot names the matched template.</li>
 * </ul>
 */
public final class Availability {

    /** A bookable interval: its instants, the local date it belongs to, and the matched template index or -1. */
    public record Slot(Instant start, Instant end, LocalDate date, int template) {
        public long minutes() {
            return Duration.between(start, end).toMinutes();
        }
    }

    private record Template(int index, LocalTime start, int duration, boolean onDates, Set<DayOfWeek> days,
                            Set<LocalDate> selected) {}

    private record Failure(String field, String message) {
        ValidationFailed exception() {
            return ValidationFailed.of(field, message);
        }
    }

    /** Either a slot or why there is none. */
    private record Outcome(Slot slot, Failure failure) {}

    private static final int DAY_MINUTES = 24 * 60;

    private final ZoneId zone;
    private final Instant windowStart;
    private final Instant windowEnd;
    private final LocalDate startDate;
    private final int hoursStart;
    private final int hoursEnd;
    private final boolean hasHours;
    private final Set<DayOfWeek> days;
    private final String rptType;
    private final int rptNo;
    private final Set<LocalDate> selected;
    private final boolean oneByOne;
    private final boolean singleEvent;
    private final Integer step;
    private final boolean hasTemplates;
    private final List<Template> templates;

    private Availability(ObjectNode settings, ZoneId zone, Instant start, Instant end, Integer defaultDuration) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.windowStart = Objects.requireNonNull(start, "start");
        this.windowEnd = end;
        JsonNode s = settings == null ? Json.object() : settings;
        this.startDate = LocalDate.ofInstant(start, zone);
        JsonNode hours = s.path("hours");
        Integer from = minutes(hours.path("start").asText(null));
        Integer to = minutes(hours.path("end").asText(null));
        this.hasHours = from != null && to != null && from < to;
        this.hoursStart = hasHours ? from : 0;
        this.hoursEnd = hasHours ? to : DAY_MINUTES;
        this.days = days(s.get("days"));
        JsonNode rpt = s.path("rpt");
        String type = rpt.path("type").asText("week");
        this.rptType = rpt.isObject() ? (type.isEmpty() ? "week" : type) : "week";
        Integer no = intOf(rpt.get("no"));
        this.rptNo = no == null || no < 1 ? 1 : no;
        this.selected = dates(rpt.get("selected"), zone);
        this.oneByOne = boolOf(s.get("oneByOne"), false);
        this.singleEvent = boolOf(s.get("singleEvent"), false);
        Integer duration = intOf(s.get("duration"));
        if (duration == null) {
            duration = defaultDuration;
        }
        this.step = duration != null && duration >= UserScheduleSettings.MIN_DURATION ? duration : null;
        JsonNode events = s.get("events");
        this.hasTemplates = events != null && events.isArray() && !events.isEmpty();
        this.templates = new ArrayList<>();
        if (hasTemplates) {
            for (int i = 0; i < events.size(); i++) {
                JsonNode event = events.get(i);
                JsonNode eventRpt = event.path("rpt");
                Integer tplDuration = intOf(event.get("duration"));
                Integer tplStart = minutes(event.path("start").asText(null));
                if (tplStart == null || tplStart >= DAY_MINUTES || tplDuration == null
                        || !boolOf(eventRpt.get("status"), true)) {
                    continue; // disabled, or not a template (validation rejects those)
                }
                templates.add(new Template(i, LocalTime.of(tplStart / 60, tplStart % 60), tplDuration,
                        "dates".equals(eventRpt.path("type").asText()), days(eventRpt.get("days")),
                        dates(eventRpt.get("selected"), zone)));
            }
        }
    }

    /**
     * @param settings the validated settings ({@code null} = no restriction)
     * @param zone the schedule's zone
     * @param start the schedule window's start
     * @param end the schedule window's end, or {@code null} when open
     */
    public static Availability of(ObjectNode settings, ZoneId zone, Instant start, Instant end) {
        return new Availability(settings, zone, start, end, null);
    }

    /**
     * As {@link #of(ObjectNode, ZoneId, Instant, Instant)}, with the schedule's top-level {@code duration} as the
     * oneByOne grid step when {@code settings.duration} is absent.
     */
    public static Availability of(ObjectNode settings, ZoneId zone, Instant start, Instant end,
                                  Integer defaultDuration) {
        return new Availability(settings, zone, start, end, defaultDuration);
    }

    public ZoneId zone() {
        return zone;
    }

    /** At most one booking per local day: not enforced here (it needs the existing bookings). */
    public boolean singleEvent() {
        return singleEvent;
    }

    public boolean oneByOne() {
        return oneByOne;
    }

    /** Whether {@code settings.events} templates define the bookable slots. */
    public boolean hasTemplates() {
        return hasTemplates;
    }

    /**
     * How long a booking at {@code start} on {@code date} lasts when the request does not say: the duration of the
     * event template starting then, else the schedule's slot length, else {@code fallback}.
     */
    public int defaultDuration(LocalDate date, LocalTime start, int fallback) {
        if (hasTemplates) {
            for (Template template : templates) {
                if (template.start().equals(start) && templateAllows(template, date)) {
                    return template.duration();
                }
            }
        }
        return step != null ? step : fallback;
    }

    /**
     * The booked interval of {@code durationMinutes} from {@code start} local time on {@code date}.
     *
     * @throws ValidationFailed naming {@code date}, {@code start} or {@code duration} when it is not bookable
     */
    public Slot resolve(LocalDate date, LocalTime start, int durationMinutes) {
        Outcome outcome = check(date, start, durationMinutes);
        if (outcome.failure() != null) {
            throw outcome.failure().exception();
        }
        return outcome.slot();
    }

    /**
     * The bookable slots of a local date: the templates or the oneByOne grid when the schedule has one (each local
     * start once, in the order of time), else the one whole window of the day clipped to the schedule window.
     * Empty when nothing is bookable that day.
     */
    public List<Slot> slots(LocalDate date) {
        List<Slot> result = new ArrayList<>();
        if (hasTemplates) {
            Set<List<Object>> seen = new HashSet<>();
            for (Template template : templates) {
                if (templateAllows(template, date)) {
                    Outcome outcome = check(date, template.start(), template.duration());
                    if (outcome.slot() != null && seen.add(List.of(outcome.slot().start(), outcome.slot().end()))) {
                        result.add(outcome.slot());
                    }
                }
            }
            result.sort(Comparator.comparing(Slot::start).thenComparing(Slot::end));
        } else if (oneByOne && step != null) {
            for (int m = hoursStart; m + step <= hoursEnd; m += step) {
                Outcome outcome = check(date, LocalTime.of(m / 60, m % 60), step);
                if (outcome.slot() != null) {
                    result.add(outcome.slot());
                }
            }
        } else if (scheduleAllows(date)) {
            Instant from = max(bound(date, hoursStart), windowStart);
            Instant to = bound(date, hoursEnd);
            if (windowEnd != null && windowEnd.isBefore(to)) {
                to = windowEnd;
            }
            if (from.isBefore(to)) {
                result.add(new Slot(from, to, date, -1));
            }
        }
        return result;
    }

    private Outcome check(LocalDate date, LocalTime start, int duration) {
        if (duration < UserScheduleSettings.MIN_DURATION || duration > UserScheduleSettings.MAX_DURATION) {
            return fail("duration", "The duration field must be between " + UserScheduleSettings.MIN_DURATION
                    + " and " + UserScheduleSettings.MAX_DURATION + ".");
        }
        if (date.isBefore(startDate)) {
            return fail("date", "The schedule starts on " + startDate + " (" + zone.getId() + "); " + date
                    + " is not bookable.");
        }
        if (windowEnd != null && !date.atStartOfDay(zone).toInstant().isBefore(windowEnd)) {
            return fail("date", "The schedule ends at " + windowEnd + "; " + date + " is not bookable.");
        }
        if (start.getSecond() != 0 || start.getNano() != 0) {
            return fail("start", "The start field must be a whole minute (H:i).");
        }
        int template = -1;
        if (hasTemplates) {
            List<Template> allowed = templates.stream().filter(t -> templateAllows(t, date)).toList();
            if (allowed.isEmpty()) {
                return fail("date", "The schedule has no slots on " + date + " (" + dayName(date) + ").");
            }
            List<Template> atStart = allowed.stream().filter(t -> t.start().equals(start)).toList();
            if (atStart.isEmpty()) {
                return fail("start", "The start field must be one of the schedule's slot times on " + date + ": "
                        + allowed.stream().map(t -> t.start().toString()).distinct().sorted()
                                .collect(Collectors.joining(", ")) + ".");
            }
            Template match = atStart.stream().filter(t -> t.duration() == duration).findFirst().orElse(null);
            if (match == null) {
                return fail("duration", "The duration field must be "
                        + atStart.stream().map(t -> String.valueOf(t.duration())).distinct()
                                .collect(Collectors.joining(" or "))
                        + " minutes for the " + start + " slot.");
            }
            template = match.index();
        } else if (!scheduleAllows(date)) {
            return fail("date", "The schedule is not available on " + date + " (" + dayName(date) + ").");
        }
        LocalDateTime local = date.atTime(start);
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            return fail("start", "The start field " + start + " does not exist in " + zone.getId() + " on " + date
                    + " (the clocks move forward).");
        }
        // In an overlap ofLocal keeps the earlier offset: the first occurrence of the local time.
        Instant from = ZonedDateTime.ofLocal(local, zone, null).toInstant();
        Instant to = from.plus(Duration.ofMinutes(duration));
        if (!hasTemplates) {
            Instant open = bound(date, hoursStart);
            Instant close = bound(date, hoursEnd);
            if (from.isBefore(open) || !from.isBefore(close)) {
                return fail("start", "The start field must be within the schedule's hours " + hoursText() + " ("
                        + zone.getId() + ").");
            }
            if (to.isAfter(close)) {
                return fail("duration", "The booking must end by " + clock(hoursEnd) + " (" + zone.getId() + "): "
                        + start + " plus " + duration + " minutes ends after it.");
            }
            if (oneByOne && step != null) {
                int offset = start.getHour() * 60 + start.getMinute() - hoursStart;
                if (offset % step != 0) {
                    return fail("start", "The start field must be on the schedule's " + step + "-minute grid from "
                            + clock(hoursStart) + " (" + gridExample() + ").");
                }
                if (duration != step) {
                    return fail("duration", "The duration field must be " + step + " minutes for this schedule.");
                }
            }
        }
        if (from.isBefore(windowStart)) {
            return fail("start", "The schedule opens at " + windowStart + "; the booking starts before it.");
        }
        if (windowEnd != null && to.isAfter(windowEnd)) {
            return from.isBefore(windowEnd)
                    ? fail("duration", "The schedule closes at " + windowEnd + "; the booking ends after it.")
                    : fail("start", "The schedule closes at " + windowEnd + "; the booking starts after it.");
        }
        return new Outcome(new Slot(from, to, date, template), null);
    }

    private static Outcome fail(String field, String message) {
        return new Outcome(null, new Failure(field, message));
    }

    /** The schedule's own date rules: start date, rpt cadence or dates, and days (ignored for rpt dates). */
    private boolean scheduleAllows(LocalDate date) {
        return cadenceAllows(date) && ("dates".equals(rptType) || dayAllowed(days, date));
    }

    private boolean templateAllows(Template template, LocalDate date) {
        if (date.isBefore(startDate)) {
            return false;
        }
        if (template.onDates()) {
            return template.selected().contains(date);
        }
        if (!cadenceAllows(date)) {
            return false;
        }
        if (!template.days().isEmpty()) {
            return template.days().contains(date.getDayOfWeek());
        }
        return "dates".equals(rptType) || dayAllowed(days, date);
    }

    private boolean cadenceAllows(LocalDate date) {
        if (date.isBefore(startDate)) {
            return false;
        }
        return switch (rptType) {
            case "dates" -> selected.contains(date);
            case "day" -> ChronoUnit.DAYS.between(startDate, date) % rptNo == 0;
            case "month" -> ChronoUnit.MONTHS.between(YearMonth.from(startDate), YearMonth.from(date)) % rptNo == 0;
            default -> ChronoUnit.WEEKS.between(monday(startDate), monday(date)) % rptNo == 0;
        };
    }

    private static LocalDate monday(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static boolean dayAllowed(Set<DayOfWeek> days, LocalDate date) {
        return days.isEmpty() || days.contains(date.getDayOfWeek());
    }

    /** A wall-clock bound of {@code date} in minutes (1440 = the next day's 00:00), as ZonedDateTime.of resolves it. */
    private Instant bound(LocalDate date, int minutes) {
        LocalDateTime local = minutes >= DAY_MINUTES
                ? date.plusDays(1).atStartOfDay()
                : date.atTime(minutes / 60, minutes % 60);
        return ZonedDateTime.of(local, zone).toInstant();
    }

    private String hoursText() {
        return clock(hoursStart) + "-" + clock(hoursEnd);
    }

    private String gridExample() {
        List<String> times = new ArrayList<>();
        for (int m = hoursStart; m + step <= hoursEnd && times.size() < 3; m += step) {
            times.add(clock(m));
        }
        return times.isEmpty() ? "no slots fit the hours" : "e.g. " + String.join(", ", times);
    }

    private static String dayName(LocalDate date) {
        String name = date.getDayOfWeek().toString();
        return name.charAt(0) + name.substring(1).toLowerCase();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * One template per grid slot of {@code durationMinutes} from {@code hours.start} while the slot ends by
     * {@code hours.end} (no hours: 00:00-24:00), for {@code PUT /api/schedules}: each
     * {@code {type_id: 1, start, duration, price?, currency?, rpt: {type: "week", days, status: true}}} with the
     * settings' {@code days} (or all seven).
     */
    public static ArrayNode generateEvents(ObjectNode settings, int durationMinutes) {
        if (durationMinutes < UserScheduleSettings.MIN_DURATION || durationMinutes > UserScheduleSettings.MAX_DURATION) {
            throw ValidationFailed.of("duration", "The duration field must be between "
                    + UserScheduleSettings.MIN_DURATION + " and " + UserScheduleSettings.MAX_DURATION + ".");
        }
        JsonNode s = settings == null ? Json.object() : settings;
        JsonNode hours = s.path("hours");
        Integer from = minutes(hours.path("start").asText(null));
        Integer to = minutes(hours.path("end").asText(null));
        if (from == null || to == null || from >= to) {
            from = 0;
            to = DAY_MINUTES;
        }
        Set<Integer> dayNumbers = new LinkedHashSet<>();
        JsonNode days = s.get("days");
        if (days != null && days.isArray()) {
            for (JsonNode day : days) {
                Integer n = intOf(day);
                if (n != null && n >= 0 && n <= 6) {
                    dayNumbers.add(n);
                }
            }
        }
        if (dayNumbers.isEmpty()) {
            for (int d = 0; d <= 6; d++) {
                dayNumbers.add(d);
            }
        }
        ArrayNode events = Json.array();
        for (int m = from; m + durationMinutes <= to; m += durationMinutes) {
            ObjectNode event = events.addObject();
            event.put("type_id", 1);
            event.put("start", clock(m));
            event.put("duration", durationMinutes);
            if (s.hasNonNull("price")) {
                event.set("price", s.get("price").deepCopy());
            }
            if (s.hasNonNull("currency")) {
                event.set("currency", s.get("currency").deepCopy());
            }
            ObjectNode rpt = event.putObject("rpt");
            rpt.put("type", "week");
            ArrayNode list = rpt.putArray("days");
            dayNumbers.forEach(list::add);
            rpt.put("status", true);
        }
        return events;
    }

    /**
     * The local date an {@code rpt.selected} entry names: a date-time with an offset counts as its local date in
     * {@code zone}; a local date-time or a bare {@code YYYY-MM-DD} as its own date. {@code null} when unparseable.
     */
    static LocalDate localDate(String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDate();
        } catch (DateTimeParseException e) {
            // not a date-time with an offset
        }
        try {
            return LocalDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---- lenient readers of validated settings (the validator accepts "1"/"true" and digit strings too) ----

    static boolean isWallClock(String text, boolean allowEndOfDay) {
        return text != null && (text.matches("([01]\\d|2[0-3]):[0-5]\\d") || (allowEndOfDay && text.equals("24:00")));
    }

    /** Minutes of the day of {@code HH:MM} ({@code 24:00} = 1440), or {@code null}. */
    static Integer minutes(String text) {
        if (!isWallClock(text, true)) {
            return null;
        }
        return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3, 5));
    }

    static String clock(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    /** An int read exactly from a JSON integer or a digit string (as the validator accepts it); null otherwise. */
    public static Integer intOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,9}")) {
            return Integer.parseInt(node.asText());
        }
        return null;
    }

    static boolean boolOf(JsonNode node, boolean fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.isIntegralNumber() || node.isTextual() ? node.asText() : "";
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> fallback;
        };
    }

    private static Set<DayOfWeek> days(JsonNode list) {
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                Integer day = intOf(item);
                if (day != null && day >= 0 && day <= 6) {
                    result.add(day == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(day));
                }
            }
        }
        return result;
    }

    private static Set<LocalDate> dates(JsonNode list, ZoneId zone) {
        Set<LocalDate> result = new HashSet<>();
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                LocalDate date = item.isTextual() ? localDate(item.asText(), zone) : null;
                if (date != null) {
                    result.add(date);
                }
            }
        }
        return result;
    }
}
