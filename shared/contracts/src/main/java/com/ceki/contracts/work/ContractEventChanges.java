package com.ceki.contracts.work;

import com.ceki.contracts.Contract;
import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.ContractOperation;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Contracts;
import com.ceki.contracts.Hand;
import com.ceki.contracts.Rate;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.events.Event;
import com.ceki.events.EventChanges;
import com.ceki.storage.WriteTransaction;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changing a contract's event means for the contract: approved, paid and billed transactions are locked, and
 * so are running clocks (409 with the reason); a time entry's new time is checked against its hand's weeks
 * (overlap, weekly limit) and the contract's window, and its amount follows its minutes at the rate it was logged
 * at. Its owner changes it directly as far as their role lets them log or write.
 */
public final class ContractEventChanges implements EventChanges {

    private final Contracts contracts;
    private final ContractRepository repository;
    private final TimeBooking booking;
    private final Clock clock;

    public ContractEventChanges(Contracts contracts, ContractRepository repository, TimeBooking booking, Clock clock) {
        this.contracts = contracts;
        this.repository = repository;
        this.booking = booking;
        this.clock = clock;
    }

    @Override
    public void requireChangeable(long callerId, Event event) {
        requireChangeable(contracts.access(callerId, event.billableId()), event);
    }

    /** The same, for a caller whose access to the contract is read already (the contract's own routes). */
    public void requireChangeable(ContractAccess access, Event event) {
        requireCorrectable(event);
        access.require(event.typeId() == Event.TYPE_TIME
                ? (ContractEvents.own(access, event) ? ContractOperation.LOG_OWN_TIME : ContractOperation.LOG_TIME_FOR_OTHERS)
                : ContractOperation.WRITE_EVENTS);
    }

    @Override
    public void requireCorrectable(Event event) {
        if (event.isDeleted()) {
            throw new NotFound("Event not found.");
        }
        ContractEvents.requireUnlocked(event);
        if (event.statusId() == Event.STATUS_RUNNING) {
            throw new Conflict("This clock is running: stop it before changing its entry.");
        }
    }

    /**
     * A time entry's status follows approvals and its amount its minutes, whoever asks; a meeting's amount and
     * status are the contract's business (its write level), never an attendees' vote (attendees need not be hands).
     */
    @Override
    public void requireFields(long callerId, Event event, Set<String> fields, boolean byVote) {
        for (String field : List.of("status_id", "amount")) {
            if (!fields.contains(field)) {
                continue;
            }
            if (event.typeId() == Event.TYPE_TIME) {
                throw ContractEvents.notOnATimeEntry(field);
            }
            if (byVote) {
                throw ValidationFailed.of(field, "The " + field + " of a contract's event is changed by whoever may write"
                        + " the contract's events (PUT /api/contracts/{contract}/events/{event}), not by a vote.");
            }
        }
    }

    @Override
    public Event settle(Event before, Event after) {
        if (after.typeId() != Event.TYPE_TIME || Objects.equals(before.duration(), after.duration())) {
            return after;
        }
        BigDecimal amount = before.rate() == null ? BigDecimal.ZERO : Rate.amount(before.rate(), before.currency(), after.duration());
        return after.toBuilder().money(amount, after.paid(), after.currency()).build();
    }

    @Override
    public void prepare(Event before, Event after, WriteTransaction tx) {
        boolean moved = !Objects.equals(before.start(), after.start()) || !Objects.equals(before.end(), after.end());
        if (after.typeId() != Event.TYPE_TIME || !moved) {
            return;
        }
        Contract contract = repository.find(before.billableId()).orElseThrow(ContractAccess::notFound);
        TimeEntries.requireWithin(contract, after.start(), after.end(), clock.instant());
        Hand hand = repository.handById(before.benefitableId()).map(ContractRepository.HandAndRate::hand)
                .orElseThrow(() -> new NotFound("Hand not found."));
        booking.prepare(contract, hand, before, after, tx, true);
    }
}
