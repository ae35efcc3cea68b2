package com.ceki.contracts.work;

import com.ceki.contracts.Contract;
import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Contracts;
import com.ceki.contracts.Hand;
import com.ceki.contracts.Rate;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.events.Event;
import com.ceki.events.EventRepository;
import com.ceki.storage.Backoff;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A hand's work clock: one running clock per hand (the hand item names it, set on condition that none is
 * running, so of N parallel starts exactly one wins and the others get a 409 naming it). A clock starts at most 24
 * hours ago. Stopping succeeds: it takes the given time if that is not before the start and not more than a minute
 * ahead, else the server's, and books the elapsed minutes as a time entry at the hand's rate; a second stop returns
 * that entry. Only a clock left running for more weeks than one transaction writes is refused (409 naming the
 * latest date it can be stopped at).
 */
public final class Clocks {

    /** How far back a clock may start: the longest entry there is. */
    static final Duration MAX_START_AGO = Duration.ofMinutes(WorkRules.MAX_ENTRY_MINUTES);
    /** The weeks one stop can book: its transaction also writes the entry, the hand and the event it ran for. */
    static final int MAX_STOP_WEEKS = WriteTransaction.MAX_ITEMS - 3;

    private final Table table;
    private final Contracts contracts;
    private final ContractRepository repository;
    private final EventRepository events;
    private final TimeBooking booking;
    private final IdGenerator ids;
    private final Clock clock;

    public Clocks(Table table, Contracts contracts, ContractRepository repository, EventRepository events,
                  TimeBooking booking, IdGenerator ids, Clock clock) {
        this.table = table;
        this.contracts = contracts;
        this.repository = repository;
        this.events = events;
        this.booking = booking;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code POST /api/contracts/{contract}/start}: the clock of {@code handId} (null: the caller's own hand). */
    public Event start(long callerId, long contractId, Long handId, Instant date) {
        ContractAccess access = contracts.access(callerId, contractId);
        return start(access, TimeBooking.handFor(access, handId, repository, "benefitable_id"), date, null);
    }

    /**
     * {@code POST /api/events/{event}/start} of a contract's meeting or task: the clock of {@code handId} (null: the
     * event's hand, else the caller's own) runs as a time entry of that event, which is in progress (555) meanwhile.
     */
    public Event startEvent(long callerId, Event event, Long handId, Instant date) {
        ContractAccess access = contracts.access(callerId, event.billableId());
        if (!ContractEvents.visible(access, event)) {
            throw new NotFound("Event not found.");
        }
        if (event.typeId() != Event.TYPE_MEETING || event.isDeleted()) {
            throw new Conflict("Only a meeting or task is started; time entries run on clocks.");
        }
        ContractEvents.requireUnlocked(event); // an approved, paid or billed meeting keeps its status
        if (event.statusId() != Event.STATUS_NEW && event.statusId() != Event.STATUS_DONE) {
            throw new Conflict("Only a new or done meeting is started (this one's status is " + event.statusId() + ").");
        }
        Long hand = handId != null ? handId : event.benefitableUserId() != null && access.isCaller(event.benefitableUserId())
                ? event.benefitableId() : null;
        return start(access, TimeBooking.handFor(access, hand, repository, "benefitable_id"), date, event);
    }

    /** {@code POST /api/hands/{contractHand}/start}: its {@code date} is read once the caller is known to be on the contract. */
    public Event startHand(long callerId, long handId, JsonNode body) {
        ContractRepository.HandAndRate target = handOrNotFound(handId);
        ContractAccess access = contracts.access(callerId, target.hand().contractId());
        ContractRepository.HandAndRate hand = TimeBooking.handFor(access, handId, repository, "contractHand");
        return start(access, hand, WorkRules.clockStart(body), null);
    }

    /** {@code POST /api/hands/{contractHand}/stop}: the time entry booked (or, when stopped already, the last one). */
    public Event stop(long callerId, long handId, Instant date) {
        ContractRepository.HandAndRate first = handOrNotFound(handId);
        ContractAccess access = contracts.access(callerId, first.hand().contractId());
        TimeBooking.handFor(access, handId, repository, "contractHand");
        Contract contract = access.contract();
        for (int attempt = 1; attempt <= TimeBooking.ATTEMPTS; attempt++) {
            ContractRepository.HandAndRate target = handOrNotFound(handId);
            Hand hand = target.hand();
            if (hand.runningEventId() == null) {
                if (hand.lastStoppedEventId() != null) {
                    return events.find(hand.lastStoppedEventId()).orElseThrow();
                }
                throw new Conflict("No clock is running for this hand.");
            }
            Event running = events.find(hand.runningEventId()).orElseThrow();
            Instant now = clock.instant();
            Instant end = date != null && !date.isBefore(running.start()) && !date.isAfter(now.plus(TimeEntries.CLOCK_SKEW))
                    ? date : now.isBefore(running.start()) ? running.start() : now;
            requireBookable(contract, running, end);
            int minutes = (int) Duration.between(running.start(), end).toMinutes();
            Rate rate = TimeEntries.rateOf(target, contract);
            Event stopped = running.toBuilder().status(Event.STATUS_NEW).time(running.start(), end, minutes)
                    .money(rate.amountFor(minutes), BigDecimal.ZERO, rate.currency()).rate(rate.price()).changedAt(now);
            Event parent = running.parentId() == null ? null : events.find(running.parentId())
                    .filter(e -> e.statusId() == Event.STATUS_RUNNING).orElse(null);
            try {
                return booking.book(contract, hand, running, stopped, List.of(), false, tx -> {
                    repository.stopClock(tx, hand, running.id(), now);
                    if (parent != null) { // the event it ran for is done
                        events.replace(tx, parent, parent.toBuilder().status(Event.STATUS_DONE).changedAt(now));
                    }
                });
            } catch (Conflict stoppedMeanwhile) {
                Backoff.pause(attempt); // a parallel stop won: the next round returns its entry
            }
        }
        throw new ServiceUnavailable("The hand's clock is busy; try again.");
    }

    private Event start(ContractAccess access, ContractRepository.HandAndRate target, Instant date, Event parent) {
        Long parentId = parent == null ? null : parent.id();
        Contract contract = access.contract();
        Instant now = clock.instant();
        Instant at = date != null ? date : now;
        if (at.isAfter(now.plus(TimeEntries.CLOCK_SKEW))) {
            throw ValidationFailed.of("date", "A clock cannot start in the future.");
        }
        // Older time is logged as entries: a clock from long ago would touch more weeks than its stop can write.
        if (at.isBefore(now.minus(MAX_START_AGO))) {
            throw ValidationFailed.of("date", "A clock starts at most " + MAX_START_AGO.toHours()
                    + " hours ago; log earlier time as a time entry.");
        }
        if (contract.start() != null && at.isBefore(contract.start())) {
            throw ValidationFailed.of("date", "The clock must not start before the contract's start (" + contract.start() + ").");
        }
        if (contract.end() != null && !at.isBefore(contract.end())) {
            throw ValidationFailed.of("date", "The contract ended at " + contract.end() + ".");
        }
        ZoneId zone = ZoneId.of(contract.timezone());
        Rate rate = TimeEntries.rateOf(target, contract);
        for (int attempt = 1; attempt <= 3; attempt++) {
            Hand hand = target.hand();
            if (hand.runningEventId() != null) {
                throw runningConflict(hand);
            }
            WriteTransaction tx = new WriteTransaction(table);
            booking.requireFreeSince(contract, hand, at, now, tx); // read afresh each round: an entry logged meanwhile
            Event running = Event.builder(ids.next(), Event.TYPE_TIME, access.hand().userId(), now)
                    .status(Event.STATUS_RUNNING).billable(Event.CONTRACT, contract.id())
                    .benefitable(Event.CONTRACT_HAND, hand.id(), hand.userId()).kal(contract.kalId()).parent(parentId)
                    .timezone(zone.getId()).time(at, null, null).date(LocalDate.ofInstant(at, zone).toString())
                    .money(null, BigDecimal.ZERO, rate.currency()).rate(rate.price()).attendees(Json.array()).build();
            events.create(tx, running, TimeEntries.attendances(running, now));
            repository.countEvent(tx, contract.id(), Event.TYPE_TIME);
            int handAt = tx.size();
            repository.startClock(tx, hand, running.id(), at, now);
            if (parent != null) {
                events.replace(tx, parent, parent.toBuilder().status(Event.STATUS_RUNNING).changedAt(now));
            }
            WriteTransaction.Outcome outcome = tx.commit();
            if (outcome.committed()) {
                return running;
            }
            target = repository.hand(contract.id(), hand.userId()).orElseThrow(ContractAccess::notFound);
            if (outcome.failedAt(handAt) && target.hand().runningEventId() != null) {
                throw runningConflict(target.hand());
            }
            if (outcome.failedAt(handAt) && !target.hand().accepted()) {
                throw ValidationFailed.of("benefitable_id", "The hand has not accepted its invitation.");
            }
        }
        throw new ServiceUnavailable("The hand's clock is busy; try again.");
    }

    /**
     * A clock that ran for more weeks than one transaction writes is stopped with an earlier {@code date}: 409 naming
     * the latest one that fits, rather than a transaction DynamoDB refuses.
     */
    private static void requireBookable(Contract contract, Event running, Instant end) {
        ZoneId zone = ZoneId.of(contract.timezone());
        List<LocalDate> weeks = WeekLocks.mondays(running.start(), end, zone);
        if (weeks.size() > MAX_STOP_WEEKS) {
            Instant latest = weeks.get(MAX_STOP_WEEKS).atStartOfDay(zone).toInstant();
            throw new Conflict("This clock has run since " + running.start() + ", over " + weeks.size()
                    + " weeks, more than one stop books (" + MAX_STOP_WEEKS + "): stop it with a date before " + latest + ".");
        }
    }

    private ContractRepository.HandAndRate handOrNotFound(long handId) {
        return repository.handById(handId).orElseThrow(() -> new NotFound("Hand not found."));
    }

    private static Conflict runningConflict(Hand hand) {
        return new Conflict("A clock is already running for this hand: time entry " + hand.runningEventId()
                + ", since " + hand.runningSince() + ".");
    }
}
