package com.ceki.contracts;

import com.ceki.core.email.EmailMessage;
import com.ceki.core.email.Mailer;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.Forbidden;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.users.Contacts;
import com.ceki.users.User;
import com.ceki.users.UserRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/**
 * A contract's hands: adding and inviting people (a hand is pending, and grants nothing, until its person answers
 * yes), changing roles, handing over ownership (a contract always has exactly one owner), and the invitee's answer.
 */
public final class Hands {

    /** A hand as a request left it, and whether it was made by that request (201) or already there (200). */
    public record Result(ContractRepository.HandAndRate hand, User user, boolean created) {}

    private final Contracts contracts;
    private final ContractRepository repository;
    private final UserRepository users;
    private final Contacts contacts;
    private final Mailer mailer;
    private final IdGenerator ids;
    private final Clock clock;

    public Hands(Contracts contracts, ContractRepository repository, UserRepository users, Contacts contacts,
                 Mailer mailer, IdGenerator ids, Clock clock) {
        this.contracts = contracts;
        this.repository = repository;
        this.users = users;
        this.contacts = contacts;
        this.mailer = mailer;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code POST .../hands}: a pending hand for a known user; a second hand for the same person is a 409. */
    public Result add(long callerId, long contractId, HandRules.HandInput in) {
        ContractAccess access = contracts.access(callerId, contractId).require(ContractOperation.MANAGE_HANDS);
        requireNotOwnerRole(in.role(), "role_id");
        User user = users.find(in.userId()).filter(u -> !u.banned())
                .orElseThrow(() -> ValidationFailed.of("user_id", "The selected user id is invalid."));
        Hand hand = newHand(access.contract(), user.id(), in, callerId);
        Rate rate = rate(access.contract(), in.rate());
        if (!repository.addHand(hand, rate)) {
            throw new Conflict("This person already has a hand on this contract.");
        }
        invite(access.contract(), user, hand, callerId);
        return new Result(new ContractRepository.HandAndRate(hand, rate), user, true);
    }

    /**
     * {@code POST .../invite}: by user id, or by email (someone without an account becomes a contact of the inviter,
     * as {@code POST /api/contacts} makes them). A pending invitation is returned as it is and mailed again; a
     * declined one is made again; an accepted hand cannot be invited (409).
     */
    public Result invite(long callerId, long contractId, HandRules.HandInput in) {
        ContractAccess access = contracts.access(callerId, contractId).require(ContractOperation.MANAGE_HANDS);
        requireNotOwnerRole(in.role(), "role");
        Long knownId = in.email() != null ? users.findIdByEmail(in.email()).orElse(null) : in.userId();
        if (knownId != null) { // refused before anything is written, the contact included
            User known = users.find(knownId).filter(u -> !u.banned()).orElseThrow(() -> ValidationFailed.of(
                    in.email() != null ? "email" : "user_id", "This person cannot be invited."));
            if (repository.hand(contractId, known.id()).map(h -> h.hand().accepted()).orElse(false)) {
                throw new Conflict("This person is already a hand of this contract.");
            }
        }
        User user = in.email() != null ? contacts.add(callerId, in.email()).user() : users.find(knownId).orElseThrow();
        for (int attempt = 1; attempt <= 3; attempt++) {
            var existing = repository.hand(contractId, user.id());
            if (existing.isEmpty()) {
                Hand hand = newHand(access.contract(), user.id(), in, callerId);
                Rate rate = rate(access.contract(), in.rate());
                if (repository.addHand(hand, rate)) {
                    invite(access.contract(), user, hand, callerId);
                    return new Result(new ContractRepository.HandAndRate(hand, rate), user, true);
                }
                continue; // invited by someone else at the same moment: answer with theirs
            }
            Hand hand = existing.get().hand();
            if (hand.accepted()) {
                throw new Conflict("This person is already a hand of this contract.");
            }
            if (hand.statusId() == Hand.PENDING) {
                invite(access.contract(), user, hand, callerId); // as it is, mailed again: a lost mail is sent anew
                return new Result(existing.get(), user, false);
            }
            Instant now = clock.instant();
            ContractRole role = in.role();
            Hand again = new Hand(hand.id(), contractId, user.id(), role, level(in.read(), role.defaultRead()),
                    level(in.write(), role.defaultWrite()), Hand.PENDING, in.limit() != null ? in.limit() : hand.limit(),
                    callerId, null, null, hand.lastStoppedEventId(), hand.createdAt(), now);
            Rate rate = rate(access.contract(), in.rate());
            if (repository.reinvite(hand, again, rate)) {
                invite(access.contract(), user, again, callerId);
                return new Result(new ContractRepository.HandAndRate(again, rate), user, false);
            }
        }
        throw new Conflict("This invitation changed while it was being made; try again.");
    }

    /**
     * {@code PUT .../hands/{hand}}: a new role (levels default from it unless sent), cap or rate. Role 1 hands
     * ownership over (the owner's alone, to an accepted hand); the owner's own hand keeps role 1 until then.
     */
    public Result change(long callerId, long contractId, long handId, HandRules.HandInput in) {
        ContractAccess access = contracts.access(callerId, contractId).require(ContractOperation.MANAGE_HANDS);
        ContractRepository.HandAndRate target = handOf(contractId, handId);
        Hand hand = target.hand();
        Instant now = clock.instant();
        if (in.role() == ContractRole.OWNER && access.hand().role() != ContractRole.OWNER) {
            throw new Forbidden("Only the owner hands over ownership."); // and only the owner touches the owner's hand
        }
        if (in.role() == ContractRole.OWNER && hand.role() != ContractRole.OWNER) {
            if (!hand.accepted()) {
                throw new Conflict("Only an accepted hand can become the owner.");
            }
            if (!repository.transferOwnership(access.contract(), access.hand(), hand, now)) {
                throw new Conflict("The contract's hands changed meanwhile; try again.");
            }
            return result(handOf(contractId, handId));
        }
        if (hand.role() == ContractRole.OWNER && in.role() != ContractRole.OWNER) {
            throw new Conflict("The owner's hand keeps role 1 until ownership is handed to another accepted hand.");
        }
        if (hand.role() == ContractRole.OWNER && (level(in.read(), ContractRole.MAX_LEVEL) != ContractRole.MAX_LEVEL
                || level(in.write(), ContractRole.MAX_LEVEL) != ContractRole.MAX_LEVEL)) {
            throw new Conflict("The owner's hand keeps the levels 5/5.");
        }
        boolean newRole = in.role() != hand.role();
        Hand changed = hand.withRole(in.role(),
                level(in.read(), newRole ? in.role().defaultRead() : hand.read()),
                level(in.write(), newRole ? in.role().defaultWrite() : hand.write()),
                in.limit() != null ? in.limit() : hand.limit(), now);
        Rate rate = in.rate() == null ? null : rate(access.contract(), in.rate(), target.rate());
        if (!repository.changeHand(hand, changed, rate)) {
            throw new Conflict("This hand changed meanwhile; try again.");
        }
        return result(handOf(contractId, handId));
    }

    /**
     * The invitee's answer (only theirs: anyone else on the contract gets 403, anyone not on it 404). Yes accepts
     * (200), no declines (400); a hand already answered is returned as it is.
     */
    public Result answer(long callerId, long contractId, long handId, HandRules.Answer answer) {
        ContractAccess access = contracts.access(callerId, contractId);
        ContractRepository.HandAndRate target = repository.handById(handId)
                .filter(h -> h.hand().contractId() == contractId).orElse(null);
        if (target == null || target.hand().userId() != callerId) {
            if (access.isMember()) {
                if (target == null) {
                    throw new NotFound("Hand not found.");
                }
                throw new Forbidden("Only the invited person answers an invitation.");
            }
            throw ContractAccess.notFound();
        }
        Hand hand = target.hand();
        if (hand.statusId() == Hand.PENDING) {
            Hand answered = hand.withStatus(answer.yes() ? Hand.ACCEPTED : Hand.DECLINED, clock.instant());
            repository.answer(hand, answered); // lost to a parallel answer of the same person: theirs stands
        }
        return result(handOf(contractId, handId));
    }

    /** A hand of this contract as it is now, with its person. */
    public Result current(long contractId, long handId) {
        return result(handOf(contractId, handId));
    }

    /** A hand of this contract by its id; a hand of another contract is not found. */
    public ContractRepository.HandAndRate handOf(long contractId, long handId) {
        return repository.handById(handId).filter(h -> h.hand().contractId() == contractId)
                .orElseThrow(() -> new NotFound("Hand not found."));
    }

    private Result result(ContractRepository.HandAndRate hand) {
        return new Result(hand, users.find(hand.hand().userId()).orElse(null), false);
    }

    private Hand newHand(Contract contract, long userId, HandRules.HandInput in, long invitedBy) {
        Instant now = clock.instant();
        ContractRole role = in.role();
        return new Hand(ids.next(), contract.id(), userId, role, level(in.read(), role.defaultRead()),
                level(in.write(), role.defaultWrite()), Hand.PENDING, in.limit() != null ? in.limit() : 0, invitedBy,
                null, null, null, now, now);
    }

    private Rate rate(Contract contract, HandRules.RateInput in) {
        return rate(contract, in, null);
    }

    /** The rate a request sets: what it sends, the rest from {@code current} (or the contract: currency, zone). */
    private Rate rate(Contract contract, HandRules.RateInput in, Rate current) {
        long id = current != null ? current.id() : ids.next();
        if (in == null) {
            return current != null ? current
                    : new Rate(id, BigDecimal.ZERO, contract.currency(), null, 0, null, null, contract.timezone(), null, null, null);
        }
        return new Rate(id, in.price() != null ? in.price() : current != null ? current.price() : BigDecimal.ZERO,
                in.currency() != null ? in.currency() : current != null ? current.currency() : contract.currency(),
                in.duration() != null ? in.duration() : current != null ? current.duration() : null,
                in.msp() != null ? in.msp() : current != null ? current.msp() : 0,
                in.label() != null ? in.label() : current != null ? current.label() : null,
                in.description() != null ? in.description() : current != null ? current.description() : null,
                in.timezone() != null ? in.timezone() : current != null ? current.timezone() : contract.timezone(),
                in.start() != null ? in.start() : current != null ? current.start() : null,
                in.end() != null ? in.end() : current != null ? current.end() : null,
                in.settings() != null ? in.settings() : current != null ? current.settings() : null);
    }

    private static void requireNotOwnerRole(ContractRole role, String field) {
        if (role == ContractRole.OWNER) {
            throw ValidationFailed.of(field, "A contract has one owner: hand ownership over by changing an accepted hand's role to 1.");
        }
    }

    private static int level(Integer sent, int fallback) {
        return sent != null ? sent : fallback;
    }

    /** Tells the invitee (a mail failure is logged: the hand exists, and re-inviting sends again). */
    private void invite(Contract contract, User user, Hand hand, long inviterId) {
        String inviter = users.find(inviterId).map(u -> u.name() != null ? u.name() : u.email()).orElse("Someone");
        String path = "/api/contracts/" + contract.id() + "/hands/" + hand.id() + "/answer";
        String text = inviter + " invites you to work on \"" + contract.label() + "\" as " + hand.role().wireName()
                + ".\nSign in and answer with POST " + path + " {\"answer\": true} (or false to decline).\n";
        String html = "<p>" + escape(inviter) + " invites you to work on <strong>" + escape(contract.label())
                + "</strong> as " + hand.role().wireName() + ".</p><p>Sign in and answer with <code>POST " + path
                + "</code> <code>{\"answer\": true}</code> (or false to decline).</p>";
        try {
            mailer.send(new EmailMessage(user.email(), "Invitation: " + contract.label(), text, html));
        } catch (RuntimeException e) {
            System.err.println("WARN contract invitation not sent: " + e.getClass().getSimpleName());
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
