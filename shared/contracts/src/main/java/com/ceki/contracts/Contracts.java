package com.ceki.contracts;

import com.ceki.calendars.KalRepository;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.paging.Page;
import com.ceki.core.time.Timestamps;
import com.ceki.core.validation.Validator;
import com.ceki.events.Event;
import com.ceki.events.EventRepository;
import com.ceki.storage.Item;
import com.ceki.users.OwnFiles;
import com.ceki.users.User;
import com.ceki.users.UserRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Contracts: create (the creator is its owner, hand role 1, in the same transaction), change, read with its hands,
 * list a person's. What a request refers to (kal, files, parent contract) is checked before anything is written.
 */
public final class Contracts {

    /** A contract as a member sees it: its hands with their people, and what is open per currency. */
    public record Detail(ContractAccess access, List<Member> hands, Map<String, BigDecimal> open) {}

    /** A hand, its rate and its person. */
    public record Member(Hand hand, Rate rate, User user) {}

    /** How deep contracts nest under their parents at most. */
    static final int MAX_DEPTH = 10;

    private final ContractRepository contracts;
    private final EventRepository events;
    private final KalRepository kals;
    private final UserRepository users;
    private final IdGenerator ids;
    private final Clock clock;

    public Contracts(ContractRepository contracts, EventRepository events, KalRepository kals, UserRepository users,
                     IdGenerator ids, Clock clock) {
        this.contracts = contracts;
        this.events = events;
        this.kals = kals;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    /** The contract and the caller's hand; a contract that does not exist is a 404 like one the caller is not on. */
    public ContractAccess access(long callerId, long contractId) {
        return contracts.access(contractId, callerId).orElseThrow(ContractAccess::notFound);
    }

    public Contract create(long callerId, ContractRules.Input in) {
        checkReferences(callerId, in, null);
        Instant now = clock.instant();
        return ids.withUnusedId("contract", id -> {
            Contract contract = new Contract(id, callerId, callerId, in.label(), in.description(), Contract.STATUS_ACTIVE,
                    in.start(), in.end(), in.timezone() != null ? in.timezone() : "UTC",
                    in.isPrivate() == null || in.isPrivate(), in.credit() != null && in.credit(), in.amount(),
                    in.currency(), in.parentId(), in.kalId(), in.settings(), in.files(), Map.of(), Map.of(), now, now);
            Hand owner = new Hand(ids.next(), id, callerId, ContractRole.OWNER, ContractRole.MAX_LEVEL,
                    ContractRole.MAX_LEVEL, Hand.ACCEPTED, 0, null, null, null, null, now, now);
            return contracts.create(contract, owner) ? contract : null;
        });
    }

    /** {@code PUT}: only what is sent changes; the window's order is checked on the result. */
    public Contract update(long callerId, long contractId, ContractRules.Input in) {
        Contract current = access(callerId, contractId).require(ContractOperation.EDIT_CONTRACT).contract();
        checkReferences(callerId, in, current);
        Instant start = in.sent("start") ? in.start() : current.start();
        Instant end = in.sent("end") ? in.end() : current.end();
        if (start != null && end != null && !end.isAfter(start)) {
            throw ValidationFailed.of("end", "The end field must be a date after start.");
        }
        if (in.currency() != null && !in.currency().equals(current.currency()) && hasMoney(current)) {
            throw new Conflict("The currency of a contract with transactions cannot change.");
        }
        String timezone = in.timezone() != null ? in.timezone() : "UTC";
        if (in.sent("timezone") && !timezone.equals(current.timezone())
                && current.eventCounts().getOrDefault(Event.TYPE_TIME, 0L) > 0) {
            // A hand's weeks are keyed by their Monday in this zone: another zone would stop checking the time logged.
            throw ValidationFailed.of("timezone", "The timezone of a contract with time entries cannot change.");
        }
        Map<String, AttributeValue> changes = new LinkedHashMap<>();
        if (in.sent("label")) {
            changes.put("label", Item.attr(in.label()));
        }
        if (in.sent("currency")) {
            changes.put("currency", Item.attr(in.currency()));
        }
        optional(changes, in, "description", in.description() == null ? null : Item.attr(in.description()));
        optional(changes, in, "start", start == null ? null : Item.attr(Timestamps.seconds(start)));
        optional(changes, in, "end", end == null ? null : Item.attr(Timestamps.seconds(end)));
        optional(changes, in, "timezone", Item.attr(timezone));
        optional(changes, in, "amount", in.amount() == null ? null : Item.attr(in.amount()));
        optional(changes, in, "parent_id", in.parentId() == null ? null : Item.attr(in.parentId()));
        optional(changes, in, "kal_id", in.kalId() == null ? null : Item.attr(in.kalId()));
        optional(changes, in, "settings", in.settings() == null ? null : Item.attr(Json.write(in.settings())));
        optional(changes, in, "files", Item.list(in.files() == null ? List.of() : in.files().stream().map(String::valueOf).toList()));
        if (in.sent("private")) {
            changes.put("private", AttributeValue.fromBool(in.isPrivate()));
        }
        if (in.sent("credit")) {
            changes.put("credit", AttributeValue.fromBool(in.credit()));
        }
        return contracts.update(contractId, changes, clock.instant()).orElseThrow(ContractAccess::notFound);
    }

    public Detail get(long callerId, long contractId) {
        ContractAccess access = access(callerId, contractId).require(ContractOperation.READ_CONTRACT);
        List<ContractRepository.HandAndRate> hands = contracts.hands(contractId);
        Map<Long, User> people = users.findAll(hands.stream().map(h -> h.hand().userId()).toList());
        List<Member> members = hands.stream()
                .map(h -> new Member(h.hand(), h.rate(), people.get(h.hand().userId()))).toList();
        return new Detail(access, members, open(contractId));
    }

    /** The contracts a person owns or is an accepted hand of, newest first, each with the caller's access. */
    public Page<ContractAccess> list(long callerId, int page, int perPage) {
        Page<Long> listed = contracts.listed(callerId, page, perPage);
        return new Page<>(contracts.accessAll(listed.items(), callerId), page, perPage, listed.total());
    }

    /** What is approved and not yet paid, per currency (from the open receivables, which GSI2 lists). */
    public Map<String, BigDecimal> open(long contractId) {
        Map<String, BigDecimal> open = new TreeMap<>();
        for (Event e : events.openReceivables(contractId, null)) {
            open.merge(e.currency(), e.outstanding(), BigDecimal::add);
        }
        return open;
    }

    private boolean hasMoney(Contract contract) {
        return !contract.money().isEmpty() || events.any(Event.CONTRACT, contract.id());
    }

    private void checkReferences(long callerId, ContractRules.Input in, Contract current) {
        Validator v = Validator.of(Json.object());
        if (in.kalId() != null && !kals.belongsTo(callerId, in.kalId())) {
            v.fail("kal_id", "The selected kal id is invalid.");
        }
        if (in.files() != null) {
            new OwnFiles(users).check(v, callerId, "files", in.files());
        }
        if (in.parentId() != null) {
            Optional<Contract> parent = contracts.find(in.parentId());
            if (parent.isEmpty() || parent.get().ownerId() != callerId || (current != null && descendsFrom(parent.get(), current.id()))) {
                v.fail("parent_id", "The selected parent id is invalid.");
            }
        }
        v.check();
    }

    /** Whether {@code contract} is {@code ancestorId} or lies below it (a parent there would make a cycle). */
    private boolean descendsFrom(Contract contract, long ancestorId) {
        Contract at = contract;
        for (int depth = 0; at != null && depth < MAX_DEPTH; depth++) {
            if (at.id() == ancestorId) {
                return true;
            }
            at = at.parentId() == null ? null : contracts.find(at.parentId()).orElse(null);
        }
        return at != null; // deeper than any contract tree should be: refused too
    }

    private static void optional(Map<String, AttributeValue> changes, ContractRules.Input in, String field, AttributeValue value) {
        if (in.sent(field)) {
            changes.put(field, value);
        }
    }
}
