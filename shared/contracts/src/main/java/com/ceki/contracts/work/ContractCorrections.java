package com.ceki.contracts.work;

import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Contracts;
import com.ceki.contracts.Hands;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.NotFound;
import com.ceki.events.Correction;
import com.ceki.events.Corrections;
import com.ceki.events.Event;
import com.ceki.events.EventRepository;

/**
 * A hand answering a correction of one of its contract's events ({@code POST .../hands/{hand}/answer} with a
 * {@code correction_id}): the hand's person votes, yes up and no down, as an attendee of that event.
 */
public final class ContractCorrections {

    private final Contracts contracts;
    private final Hands hands;
    private final EventRepository events;
    private final Corrections corrections;
    private final ContractEventChanges changes;

    public ContractCorrections(Contracts contracts, Hands hands, EventRepository events, Corrections corrections,
                               ContractEventChanges changes) {
        this.contracts = contracts;
        this.hands = hands;
        this.events = events;
        this.corrections = corrections;
        this.changes = changes;
    }

    public Correction answer(long callerId, long contractId, long handId, long correctionId, boolean yes) {
        ContractAccess access = contracts.access(callerId, contractId);
        if (!access.isMember()) {
            throw ContractAccess.notFound();
        }
        ContractRepository.HandAndRate hand = hands.handOf(contractId, handId);
        if (hand.hand().userId() != callerId) {
            throw new Forbidden("Only the hand's own person answers for it.");
        }
        long eventId = events.eventOfCorrection(correctionId).orElseThrow(() -> new NotFound("Correction not found."));
        events.find(eventId).filter(e -> e.belongsTo(Event.CONTRACT, contractId) && ContractEvents.visible(access, e))
                .orElseThrow(() -> new NotFound("Correction not found."));
        return corrections.vote(callerId, correctionId, yes, e -> changes);
    }
}
