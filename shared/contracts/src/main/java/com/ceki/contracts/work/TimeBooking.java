package com.ceki.contracts.work;

import com.ceki.contracts.Contract;
import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.ContractOperation;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Hand;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.events.Attendance;
import com.ceki.events.Event;
import com.ceki.events.EventRepository;
import com.ceki.storage.Backoff;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Booking a hand's time: an entry (new, edited or a stopped clock) is written in one transaction with the week
 * locks of every week its old and new intervals touch, each on the version read. Checked on those reads: no overlap
 * with another entry of the hand (end exclusive) and, unless the entry is a stopped clock (a stop always succeeds),
 * the hand's weekly limit. A lost race re-reads the weeks and decides again.
 */
public final class TimeBooking {

    static final int ATTEMPTS = 25;
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

    private final Table table;
    private final ContractRepository contracts;
    private final EventRepository events;
    private final WeekLocks weeks;
    private final IdGenerator ids;

    public TimeBooking(Table table, ContractRepository contracts, EventRepository events, WeekLocks weeks, IdGenerator ids) {
        this.table = table;
        this.contracts = contracts;
        this.events = events;
        this.weeks = weeks;
        this.ids = ids;
    }

    /**
     * The hand a time request is about: the caller's own when {@code handId} is null, else that hand of the contract.
     * One's own time needs {@link ContractOperation#LOG_OWN_TIME}, another's {@link ContractOperation#LOG_TIME_FOR_OTHERS};
     * only an accepted hand has time to log.
     */
    public static ContractRepository.HandAndRate handFor(ContractAccess access, Long handId, ContractRepository contracts,
                                                         String field) {
        if (!access.isMember()) {
            throw ContractAccess.notFound();
        }
        ContractRepository.HandAndRate target = handId == null || handId == access.hand().id()
                ? contracts.hand(access.contract().id(), access.hand().userId()).orElseThrow(ContractAccess::notFound)
                : contracts.handById(handId).filter(h -> h.hand().contractId() == access.contract().id()).orElse(null);
        if (target == null) {
            throw ValidationFailed.of(field, "The selected " + field.replace('_', ' ') + " is invalid.");
        }
        access.require(target.hand().userId() == access.hand().userId()
                ? ContractOperation.LOG_OWN_TIME : ContractOperation.LOG_TIME_FOR_OTHERS);
        if (!target.hand().accepted()) {
            throw ValidationFailed.of(field, "The hand has not accepted its invitation.");
        }
        return target;
    }

    /**
     * Writes {@code after} (a new entry when {@code before} is null, counted on the contract) for {@code hand} with
     * the week locks it needs; {@code extra} adds writes that must commit with it (a clock's hand), {@code attendances}
     * go with a new entry.
     *
     * @param enforce false for a stopped clock: recorded whatever it overlaps or passes
     */
    public Event book(Contract contract, Hand hand, Event before, Event after, List<Attendance> attendances,
                      boolean enforce, Consumer<WriteTransaction> extra) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1 && enforce) { // its clock may have started: check against it as it is now
                hand = contracts.handById(hand.id()).map(ContractRepository.HandAndRate::hand).orElseThrow(ContractAccess::notFound);
            }
            WriteTransaction tx = new WriteTransaction(table);
            int eventAt = tx.size();
            if (before == null) {
                events.create(tx, after, attendances);
                contracts.countEvent(tx, contract.id(), after.typeId());
            } else {
                events.replace(tx, before, after, events.attendances(after.id()));
            }
            int locksFrom = tx.size();
            prepare(contract, hand, before, after, tx, enforce);
            int locksTo = tx.size();
            extra.accept(tx);
            if (tx.size() > WriteTransaction.MAX_ITEMS) { // never an IllegalStateException (500): say why
                throw new Conflict("This entry and the weeks of time it touches are " + tx.size()
                        + " writes, more than one atomic request takes (" + WriteTransaction.MAX_ITEMS + ").");
            }
            WriteTransaction.Outcome outcome = tx.commit();
            if (outcome.committed()) {
                return after;
            }
            if (before == null && outcome.failedAt(eventAt)) { // an id minted twice in one millisecond: another one
                long id = ids.next();
                after = after.toBuilder().id(id).build();
                attendances = attendances.stream().map(a -> a.forEvent(id)).toList();
            } else if (outcome.failedConditions().stream().anyMatch(i -> i < locksFrom || i >= locksTo)) {
                throw new Conflict("This entry changed while it was being saved; read it again.");
            }
            Backoff.pause(attempt);
        }
        throw new ServiceUnavailable("The hand's time is busy; try again.");
    }

    /**
     * Reads the weeks {@code before}'s and {@code after}'s intervals touch, checks {@code after} against them (unless
     * {@code enforce} is false) and adds their rewrites to {@code tx}: the time half of changing an entry.
     */
    public void prepare(Contract contract, Hand hand, Event before, Event after, WriteTransaction tx, boolean enforce) {
        ZoneId zone = ZoneId.of(contract.timezone());
        Map<LocalDate, WeekLocks.Week> touched = new LinkedHashMap<>();
        List<LocalDate> mondays = new ArrayList<>();
        if (before != null && before.start() != null && before.end() != null) {
            mondays.addAll(WeekLocks.mondays(before.start(), before.end(), zone));
        }
        mondays.addAll(WeekLocks.mondays(after.start(), after.end(), zone));
        for (WeekLocks.Week week : weeks.read(contract.id(), hand.id(), mondays.stream().distinct().toList(), zone)) {
            touched.put(week.monday(), week);
        }
        if (enforce) {
            check(hand, after, touched, zone);
            contracts.requireClockAsRead(tx, hand); // checked against this hand's clock: a clock started since loses us the race
        }
        WeekLocks.Entry entry = new WeekLocks.Entry(after.id(), after.start(), after.end());
        touched.values().forEach(week -> weeks.write(tx, contract.id(), hand.id(), week, WeekLocks.with(week, entry, null)));
    }

    /**
     * A clock starting at {@code since} would overlap any entry of the hand that ends after it: 409. The weeks read
     * must be unchanged when {@code tx} commits, so that an entry logged meanwhile is not overlapped either.
     */
    public void requireFreeSince(Contract contract, Hand hand, Instant since, Instant now, WriteTransaction tx) {
        ZoneId zone = ZoneId.of(contract.timezone());
        for (WeekLocks.Week week : weeks.read(contract.id(), hand.id(), WeekLocks.mondays(since, now.isAfter(since) ? now : since, zone), zone)) {
            weeks.requireUnchanged(tx, contract.id(), hand.id(), week);
            for (WeekLocks.Entry e : week.entries()) {
                if (e.end().isAfter(since)) {
                    throw new Conflict("A clock started then would overlap time entry " + e.eventId() + " ("
                            + HHMM.format(e.start().atZone(zone)) + "-" + HHMM.format(e.end().atZone(zone)) + ", "
                            + LocalDate.ofInstant(e.start(), zone) + ").");
                }
            }
        }
    }

    /** Removes entries from their weeks in {@code tx} (deleted entries free their time). */
    public void release(WriteTransaction tx, Contract contract, long handId, List<Event> entries) {
        ZoneId zone = ZoneId.of(contract.timezone());
        List<LocalDate> mondays = new ArrayList<>();
        entries.forEach(e -> mondays.addAll(WeekLocks.mondays(e.start(), e.end(), zone)));
        for (WeekLocks.Week week : weeks.read(contract.id(), handId, mondays.stream().distinct().toList(), zone)) {
            List<WeekLocks.Entry> left = week.entries();
            for (Event e : entries) {
                left = WeekLocks.with(new WeekLocks.Week(week.monday(), zone, left, week.version()), null, e.id());
            }
            weeks.write(tx, contract.id(), handId, week, left);
        }
    }

    /** How many weeks {@code entries} touch (each is one more write of a deletion). */
    public static int weeksTouched(Contract contract, List<Event> entries) {
        ZoneId zone = ZoneId.of(contract.timezone());
        return (int) entries.stream().flatMap(e -> WeekLocks.mondays(e.start(), e.end(), zone).stream()).distinct().count();
    }

    private static void check(Hand hand, Event entry, Map<LocalDate, WeekLocks.Week> touched, ZoneId zone) {
        for (WeekLocks.Week week : touched.values()) {
            List<WeekLocks.Entry> clash = week.overlapping(entry.start(), entry.end(), entry.id());
            if (!clash.isEmpty()) {
                WeekLocks.Entry other = clash.get(0);
                throw new Conflict("This time overlaps time entry " + other.eventId() + " ("
                        + HHMM.format(other.start().atZone(zone)) + "-" + HHMM.format(other.end().atZone(zone)) + ", "
                        + LocalDate.ofInstant(other.start(), zone) + ").");
            }
        }
        if (hand.runningSince() != null && hand.runningEventId() != null && hand.runningEventId() != entry.id()
                && entry.end().isAfter(hand.runningSince())) {
            throw new Conflict("This time overlaps the running clock (time entry " + hand.runningEventId() + ", since "
                    + hand.runningSince() + ").");
        }
        if (hand.limit() > 0) {
            long cap = hand.limit() * 60L;
            for (WeekLocks.Week week : touched.values()) {
                long others = week.entries().stream().filter(e -> e.eventId() != entry.id())
                        .mapToLong(e -> week.minutesWithin(e.start(), e.end())).sum();
                long total = others + week.minutesWithin(entry.start(), entry.end());
                if (total > cap && week.minutesWithin(entry.start(), entry.end()) > 0) {
                    throw ValidationFailed.of("limit", "This entry would bring the hand's time in the week of "
                            + week.monday() + " to " + total + " minutes, past its weekly limit of " + hand.limit() + " hours.");
                }
            }
        }
    }
}
