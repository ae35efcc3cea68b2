package com.ceki.contracts.work;

import com.ceki.contracts.Contract;
import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Contracts;
import com.ceki.contracts.Hand;
import com.ceki.contracts.Rate;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import com.ceki.events.Attendance;
import com.ceki.events.Event;
import com.ceki.events.EventRepository;
import com.ceki.events.EventTimes;
import com.ceki.users.OwnFiles;
import com.ceki.users.UserRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Manual time (type 2 events of a contract): an entry of at least 15 minutes for a hand, not in the future,
 * inside the contract's window, within the hand's weekly limit and not overlapping its other entries; logged
 * against the contract, or against one of its transactions (a child entry, {@code parent_id}). Its amount is
 * computed once from its minutes and the hand's rate, and stored.
 */
public final class TimeEntries {

    /** How far ahead of the server's clock a client's "now" may be. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Contracts contracts;
    private final ContractRepository repository;
    private final EventRepository events;
    private final TimeBooking booking;
    private final UserRepository users;
    private final IdGenerator ids;
    private final Clock clock;

    public TimeEntries(Contracts contracts, ContractRepository repository, EventRepository events, TimeBooking booking,
                       UserRepository users, IdGenerator ids, Clock clock) {
        this.contracts = contracts;
        this.repository = repository;
        this.events = events;
        this.booking = booking;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code POST .../time} ({@code parentId} null) and {@code POST .../transactions/{transaction}/time}. */
    public Event log(long callerId, long contractId, Long parentId, WorkRules.TimeInput in) {
        ContractAccess access = contracts.access(callerId, contractId);
        ContractRepository.HandAndRate target = TimeBooking.handFor(access, in.handId(), repository,
                parentId == null ? "benefitable_id" : "hand_id");
        Contract contract = access.contract();
        if (parentId != null) {
            events.find(parentId).filter(e -> e.belongsTo(Event.CONTRACT, contractId) && !e.isDeleted()
                            && (e.typeId() == Event.TYPE_MEETING || e.typeId() == Event.TYPE_TIME))
                    .orElseThrow(() -> new NotFound("Transaction not found."));
        }
        Validator v = Validator.of(Json.object());
        new OwnFiles(users).check(v, callerId, "files", in.files());
        v.check();
        ZoneId zone = ZoneId.of(contract.timezone());
        Instant now = clock.instant();
        EventTimes.Span span = in.time() == null
                ? new EventTimes.Span(now.minus(Duration.ofMinutes(in.minutes())), now, in.minutes())
                : in.time().span(zone, in.minutes());
        requireWithin(contract, span.start(), span.end(), now);
        Hand hand = target.hand();
        Rate rate = rateOf(target, contract);
        Event entry = Event.builder(ids.next(), Event.TYPE_TIME, callerId, now).status(Event.STATUS_NEW)
                .billable(Event.CONTRACT, contractId).benefitable(Event.CONTRACT_HAND, hand.id(), hand.userId())
                .kal(contract.kalId()).parent(parentId).label(in.label()).description(in.description())
                .timezone(in.time() == null ? zone.getId() : in.time().zoneOr(zone).getId())
                .time(span.start(), span.end(), span.minutes()).date(LocalDate.ofInstant(span.start(), zone).toString())
                .money(rate.amountFor(span.minutes()), BigDecimal.ZERO, rate.currency()).rate(rate.price())
                .files(in.files()).attendees(Json.array()).build();
        return booking.book(contract, hand, null, entry, attendances(entry, now), true, tx -> {});
    }

    /** A time entry is not in the future and lies within the contract's start..end. */
    static void requireWithin(Contract contract, Instant start, Instant end, Instant now) {
        if (end.isAfter(now.plus(CLOCK_SKEW))) {
            throw ValidationFailed.of("date", "The time must not be in the future.");
        }
        if (contract.start() != null && start.isBefore(contract.start())) {
            throw ValidationFailed.of("date", "The time must not be before the contract's start (" + contract.start() + ").");
        }
        if (contract.end() != null && end.isAfter(contract.end())) {
            throw ValidationFailed.of("date", "The time must not be after the contract's end (" + contract.end() + ").");
        }
    }

    /** The hand's rate; a hand without one logs time worth nothing, in the contract's currency. */
    static Rate rateOf(ContractRepository.HandAndRate hand, Contract contract) {
        return hand.rate() != null ? hand.rate()
                : new Rate(0, BigDecimal.ZERO, contract.currency(), null, 0, null, null, contract.timezone(), null, null, null);
    }

    /** Who takes part in a time entry: whoever logged it, and the hand's person it is for. */
    static List<Attendance> attendances(Event entry, Instant now) {
        List<Attendance> attendances = new ArrayList<>();
        attendances.add(Attendance.owner(entry.id(), entry.userId(), null, now));
        if (entry.benefitableUserId() != null && entry.benefitableUserId() != entry.userId()) {
            attendances.add(Attendance.host(entry.id(), entry.benefitableUserId(), null, now));
        }
        return attendances;
    }
}
