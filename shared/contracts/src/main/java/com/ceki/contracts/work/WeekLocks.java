package com.ceki.contracts.work;

import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The time a hand logged, one item per week ({@code CONTRACT#<n16 id> / WEEK#<n16 hand>#<Monday>}, weeks Monday to
 * Sunday in the contract's zone): each entry's interval and the week's minutes, with a version. Every write of
 * time rewrites the lock of each week its entry touches on the version it read, so two entries of one hand that
 * would overlap, or together pass the weekly limit, cannot both commit: the second re-reads and is refused.
 */
public final class WeekLocks {

    /** An entry's interval; end exclusive, so 12:45-13:00 and 13:00-13:15 do not overlap. */
    public record Entry(long eventId, Instant start, Instant end) {
        boolean overlaps(Instant otherStart, Instant otherEnd) {
            return start.isBefore(otherEnd) && otherStart.isBefore(end);
        }
    }

    /** One week of a hand's time as read: its Monday, entries, minutes within the week, version (0: no item yet). */
    public record Week(LocalDate monday, ZoneId zone, List<Entry> entries, long version) {

        /** The minutes of the week's entries that fall within the week (an entry may run into the next). */
        public long minutes() {
            return entries.stream().mapToLong(e -> minutesWithin(e.start(), e.end())).sum();
        }

        /** The minutes of [start, end) that fall within this week. */
        public long minutesWithin(Instant start, Instant end) {
            Instant from = monday.atStartOfDay(zone).toInstant();
            Instant to = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
            Instant a = start.isAfter(from) ? start : from;
            Instant b = end.isBefore(to) ? end : to;
            return b.isAfter(a) ? Duration.between(a, b).toMinutes() : 0;
        }

        public List<Entry> overlapping(Instant start, Instant end, long exceptEventId) {
            return entries.stream().filter(e -> e.eventId() != exceptEventId && e.overlaps(start, end)).toList();
        }
    }

    private final Table table;

    public WeekLocks(Table table) {
        this.table = table;
    }

    /** The Mondays (in {@code zone}) of every week that [start, end] touches. */
    public static List<LocalDate> mondays(Instant start, Instant end, ZoneId zone) {
        LocalDate first = monday(start, zone);
        LocalDate last = monday(end.equals(start) ? end : end.minusNanos(1), zone);
        List<LocalDate> mondays = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusWeeks(1)) {
            mondays.add(d);
        }
        return mondays;
    }

    public static LocalDate monday(Instant at, ZoneId zone) {
        return LocalDate.ofInstant(at, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The weeks of a hand's time that begin on {@code mondays}, consistently read. */
    public List<Week> read(long contractId, long handId, List<LocalDate> mondays, ZoneId zone) {
        Map<String, Item> found = new HashMap<>();
        List<Item> keys = mondays.stream().map(m -> key(contractId, handId, m)).toList();
        Queries.getAll(table, keys, true).forEach(item -> found.put(item.string(Table.SK), item));
        List<Week> weeks = new ArrayList<>();
        for (LocalDate monday : mondays) {
            Item item = found.get(Keys.handWeek(handId, monday.toString()));
            weeks.add(item == null ? new Week(monday, zone, List.of(), 0)
                    : new Week(monday, zone, item.strings("entries").stream().map(WeekLocks::entry).toList(), item.number("version")));
        }
        return weeks;
    }

    /** Rewrites a week with {@code entries} in {@code tx}, on condition that it is still the version read. */
    public void write(WriteTransaction tx, long contractId, long handId, Week read, List<Entry> entries) {
        Week written = new Week(read.monday(), read.zone(), entries, read.version() + 1);
        Item item = key(contractId, handId, read.monday())
                .s("type", "hand_week").n("hand_id", handId).strings("entries", entries.stream().map(WeekLocks::text).toList())
                .n("minutes", written.minutes()).n("version", written.version());
        if (read.version() == 0) {
            tx.putNew(item);
        } else {
            tx.putIfUnchanged(item, "version", Item.attr(read.version()));
        }
    }

    /** Fails {@code tx} unless the week is still the version read (what was checked against it still holds). */
    public void requireUnchanged(WriteTransaction tx, long contractId, long handId, Week read) {
        Item key = key(contractId, handId, read.monday());
        if (read.version() == 0) {
            tx.check(key, c -> c.conditionExpression("attribute_not_exists(PK)"));
        } else {
            tx.check(key, c -> c.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", Item.attr(read.version()))));
        }
    }

    private static Item key(long contractId, long handId, LocalDate monday) {
        return Item.key(Keys.contract(contractId), Keys.handWeek(handId, monday.toString()));
    }

    /** {@code week}'s entries with {@code added} (replacing an entry of the same event) and without {@code removedId}. */
    public static List<Entry> with(Week week, Entry added, Long removedId) {
        List<Entry> entries = new ArrayList<>();
        for (Entry e : week.entries()) {
            if ((added == null || e.eventId() != added.eventId()) && (removedId == null || e.eventId() != removedId)) {
                entries.add(e);
            }
        }
        if (added != null && week.minutesWithin(added.start(), added.end()) > 0) {
            entries.add(added);
        }
        return entries;
    }

    private static String text(Entry e) {
        return e.start().getEpochSecond() + "/" + e.end().getEpochSecond() + "/" + e.eventId();
    }

    private static Entry entry(String text) {
        String[] parts = text.split("/");
        return new Entry(Long.parseLong(parts[2]), Instant.ofEpochSecond(Long.parseLong(parts[0])),
                Instant.ofEpochSecond(Long.parseLong(parts[1])));
    }
}
