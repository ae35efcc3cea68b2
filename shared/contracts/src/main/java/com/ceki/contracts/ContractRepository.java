package com.ceki.contracts;

import com.ceki.core.json.Json;
import com.ceki.core.paging.Page;
import com.ceki.core.time.Timestamps;
import com.ceki.events.Event;
import com.ceki.storage.FieldUpdate;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Contracts and their hands (docs/data-model.md, "Contracts"). A contract heads its own partition
 * {@code CONTRACT#<n16 id>}: the contract ({@code CONTRACT}), each hand keyed by its user ({@code HAND#<n16 user>},
 * so a person has at most one hand on a contract) with its rate right after it ({@code HAND#<n16 user>#RATE}), and
 * the week locks of logged time. A hand's id leads to it through {@code HAND#<n16 hand> / HAND}; a person's
 * contracts are listed from {@code USER#<user> / CONTRACT#<n16 id>}, written for the owner and accepted hands only.
 */
public final class ContractRepository {

    /** A hand and its rate (null for hands that bill no time, like the owner's at creation). */
    public record HandAndRate(Hand hand, Rate rate) {}

    private static final String PAID_PREFIX = "paid#";
    private static final String CREDIT_PREFIX = "credit#";
    private static final String COUNT_PREFIX = "events#";

    private final Table table;

    public ContractRepository(Table table) {
        this.table = table;
    }

    /** The contract and the caller's hand on it, in one consistent read of both. */
    public Optional<ContractAccess> access(long contractId, long userId) {
        Contract contract = null;
        Hand hand = null;
        for (Item item : Queries.getAll(table, List.of(Item.key(Keys.contract(contractId), Keys.CONTRACT),
                Item.key(Keys.contract(contractId), Keys.hand(userId))), true)) {
            if (Keys.CONTRACT.equals(item.string(Table.SK))) {
                contract = contract(item);
            } else {
                hand = hand(item);
            }
        }
        return contract == null ? Optional.empty() : Optional.of(new ContractAccess(contract, hand));
    }

    public Optional<Contract> find(long contractId) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.contract(contractId), Keys.CONTRACT).map()).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(contract(item));
    }

    /** A new contract with its owner's hand, the hand's pointer and the owner's listing item, all or nothing. */
    public boolean create(Contract contract, Hand owner) {
        WriteTransaction tx = new WriteTransaction(table);
        tx.putNew(item(contract));
        tx.putNew(item(owner));
        tx.putNew(pointer(owner));
        tx.putNew(listing(owner));
        return tx.commit().committed();
    }

    /** Sets (or, for null values, removes) the named attributes of a contract that exists; the result as stored. */
    public Optional<Contract> update(long contractId, Map<String, AttributeValue> changes, Instant now) {
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table.name())
                .key(Item.key(Keys.contract(contractId), Keys.CONTRACT).map())
                .conditionExpression("attribute_exists(PK)").returnValues(ReturnValue.ALL_NEW);
        try {
            return Optional.of(contract(Item.from(table.client().updateItem(
                    FieldUpdate.apply(request, changes, Timestamps.record(now)).build()).attributes())));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * A payment in {@code tx}: adds {@code paid} and {@code credit} in {@code currency} to the contract's figures and
     * counts the payment event, in one update of the contract.
     */
    public void addPayment(WriteTransaction tx, long contractId, String currency, BigDecimal paid, BigDecimal credit) {
        tx.update(Item.key(Keys.contract(contractId), Keys.CONTRACT), u -> u
                .updateExpression("SET #paid = if_not_exists(#paid, :zero) + :paid, #credit = if_not_exists(#credit, :zero) + :credit"
                        + " ADD #count :one")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(Map.of("#paid", PAID_PREFIX + currency, "#credit", CREDIT_PREFIX + currency,
                        "#count", COUNT_PREFIX + Event.TYPE_PAYMENT))
                .expressionAttributeValues(Map.of(":zero", Item.attr(BigDecimal.ZERO), ":paid", Item.attr(paid),
                        ":credit", Item.attr(credit), ":one", Item.attr(1))));
    }

    /** Counts events of the contract in {@code tx}: {@code delta} of each type (created: +1, deleted: -1). */
    public void countEvents(WriteTransaction tx, long contractId, Map<Integer, Integer> delta) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        delta.forEach((type, d) -> {
            names.put("#t" + type, COUNT_PREFIX + type);
            values.put(":t" + type, Item.attr(d));
            adds.add("#t" + type + " :t" + type);
        });
        tx.update(Item.key(Keys.contract(contractId), Keys.CONTRACT), u -> u.updateExpression("ADD " + String.join(", ", adds))
                .conditionExpression("attribute_exists(PK)").expressionAttributeNames(names).expressionAttributeValues(values));
    }

    /** Counts one new event of {@code type} in {@code tx}. */
    public void countEvent(WriteTransaction tx, long contractId, int type) {
        countEvents(tx, contractId, Map.of(type, 1));
    }

    /** The contracts among {@code ids} that exist, each with the caller's hand, in the order of {@code ids}. */
    public List<ContractAccess> accessAll(List<Long> ids, long userId) {
        List<Item> keys = new ArrayList<>();
        ids.forEach(id -> {
            keys.add(Item.key(Keys.contract(id), Keys.CONTRACT));
            keys.add(Item.key(Keys.contract(id), Keys.hand(userId)));
        });
        Map<Long, Contract> found = new HashMap<>();
        Map<Long, Hand> hands = new HashMap<>();
        for (Item item : Queries.getAll(table, keys, true)) {
            if (Keys.CONTRACT.equals(item.string(Table.SK))) {
                Contract c = contract(item);
                found.put(c.id(), c);
            } else {
                Hand h = hand(item);
                hands.put(h.contractId(), h);
            }
        }
        return ids.stream().filter(found::containsKey).map(id -> new ContractAccess(found.get(id), hands.get(id))).toList();
    }

    /** One page of the contracts a person owns or is an accepted hand of, newest first. */
    public Page<Long> listed(long userId, int page, int perPage) {
        QueryRequest query = QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.user(userId)), ":prefix", Item.attr(Keys.CONTRACT_PREFIX)))
                .scanIndexForward(false).build();
        List<Long> ids = Queries.page(table, query, page, perPage).stream().map(i -> i.number("contract_id")).toList();
        return new Page<>(ids, page, perPage, Queries.count(table, query));
    }

    // ---- hands ----

    /** Every hand of a contract with its rate, in user id order. */
    public List<HandAndRate> hands(long contractId) {
        return handsUnder(contractId, Keys.HAND_PREFIX);
    }

    /** A person's hand on a contract, with its rate. */
    public Optional<HandAndRate> hand(long contractId, long userId) {
        return handsUnder(contractId, Keys.hand(userId)).stream().findFirst();
    }

    /** A hand by its id: where its pointer leads (empty when there is no such hand). */
    public Optional<HandAndRate> handById(long handId) {
        Item pointer = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.handPointer(handId), Keys.HAND).map()).consistentRead(true)).item());
        if (pointer.isEmpty()) {
            return Optional.empty();
        }
        return hand(pointer.number("contract_id"), pointer.number("user_id"));
    }

    /** A new hand with its rate and pointer; false when the person already has a hand on the contract. */
    public boolean addHand(Hand hand, Rate rate) {
        WriteTransaction tx = new WriteTransaction(table);
        tx.putNew(item(hand));
        tx.put(item(hand, rate), p -> {});
        tx.putNew(pointer(hand));
        return tx.commit().committed();
    }

    /** Invites again a hand that was pending or declined: pending, with the new terms; false if it changed meanwhile. */
    public boolean reinvite(Hand before, Hand after, Rate rate) {
        WriteTransaction tx = new WriteTransaction(table);
        tx.putIfUnchanged(item(after), "updated_at", Item.attr(Timestamps.record(before.updatedAt())));
        tx.put(item(after, rate), p -> {});
        return tx.commit().committed();
    }

    /** The invitee's answer: only a pending hand changes; yes also lists the contract for them. */
    public boolean answer(Hand pending, Hand answered) {
        WriteTransaction tx = new WriteTransaction(table);
        tx.putIfUnchanged(item(answered), "status_id", Item.attr(Hand.PENDING));
        if (answered.accepted()) {
            tx.put(listing(answered), p -> {});
        }
        return tx.commit().committed();
    }

    /** Changes a hand's role, levels, cap and rate; false when the hand changed since it was read. */
    public boolean changeHand(Hand before, Hand after, Rate rate) {
        WriteTransaction tx = new WriteTransaction(table);
        tx.putIfUnchanged(item(after), "updated_at", Item.attr(Timestamps.record(before.updatedAt())));
        if (rate != null) {
            tx.put(item(after, rate), p -> {});
        }
        if (after.accepted()) {
            tx.put(listing(after), p -> {});
        }
        return tx.commit().committed();
    }

    /**
     * Hands ownership from {@code owner} to {@code heir} (an accepted hand): both hands and the contract's
     * {@code owner_id} change together, each on the value read, so a contract always has exactly one owner.
     */
    public boolean transferOwnership(Contract contract, Hand owner, Hand heir, Instant now) {
        Hand formerOwner = owner.withRole(ContractRole.MANAGER, ContractRole.MANAGER.defaultRead(),
                ContractRole.MANAGER.defaultWrite(), owner.limit(), now);
        Hand newOwner = heir.withRole(ContractRole.OWNER, ContractRole.MAX_LEVEL, ContractRole.MAX_LEVEL, heir.limit(), now);
        WriteTransaction tx = new WriteTransaction(table);
        tx.putIfUnchanged(item(formerOwner), "updated_at", Item.attr(Timestamps.record(owner.updatedAt())));
        tx.putIfUnchanged(item(newOwner), "updated_at", Item.attr(Timestamps.record(heir.updatedAt())));
        tx.put(listing(formerOwner), p -> {});
        tx.put(listing(newOwner), p -> {});
        tx.update(Item.key(Keys.contract(contract.id()), Keys.CONTRACT), u -> u
                .updateExpression("SET owner_id = :heir, updated_at = :now").conditionExpression("owner_id = :owner")
                .expressionAttributeValues(Map.of(":heir", Item.attr(heir.userId()), ":owner", Item.attr(owner.userId()),
                        ":now", Item.attr(Timestamps.record(now)))));
        return tx.commit().committed();
    }

    // ---- clocks ----

    /**
     * Starts a hand's clock in {@code tx}: only an accepted hand whose clock is not running. It moves
     * {@code updated_at} too, so that a change of the hand read before it (a role, a re-invitation: whole-item
     * writes on the {@code updated_at} they read) is refused rather than erase the clock.
     */
    public void startClock(WriteTransaction tx, Hand hand, long eventId, Instant since, Instant now) {
        tx.update(Item.key(Keys.contract(hand.contractId()), Keys.hand(hand.userId())), u -> u
                .updateExpression("SET running_event_id = :event, running_since = :since, updated_at = :now")
                .conditionExpression("attribute_not_exists(running_event_id) AND status_id = :accepted")
                .expressionAttributeValues(Map.of(":event", Item.attr(eventId), ":since", Item.attr(Timestamps.seconds(since)),
                        ":accepted", Item.attr(Hand.ACCEPTED), ":now", Item.attr(Timestamps.record(now)))));
    }

    /**
     * Fails {@code tx} unless the hand's clock is as {@code hand} was read (running the same entry, or not running):
     * time checked against that reading is then still checked against the truth.
     */
    public void requireClockAsRead(WriteTransaction tx, Hand hand) {
        Item key = Item.key(Keys.contract(hand.contractId()), Keys.hand(hand.userId()));
        if (hand.runningEventId() == null) {
            tx.check(key, c -> c.conditionExpression("attribute_not_exists(running_event_id)"));
        } else {
            tx.check(key, c -> c.conditionExpression("running_event_id = :event")
                    .expressionAttributeValues(Map.of(":event", Item.attr(hand.runningEventId()))));
        }
    }

    /** Stops a hand's clock in {@code tx}, on condition that it is still the one running (and moves {@code updated_at}). */
    public void stopClock(WriteTransaction tx, Hand hand, long eventId, Instant now) {
        tx.update(Item.key(Keys.contract(hand.contractId()), Keys.hand(hand.userId())), u -> u
                .updateExpression("REMOVE running_event_id, running_since SET last_stopped_event_id = :event, updated_at = :now")
                .conditionExpression("running_event_id = :event")
                .expressionAttributeValues(Map.of(":event", Item.attr(eventId), ":now", Item.attr(Timestamps.record(now)))));
    }

    // ---- items ----

    private List<HandAndRate> handsUnder(long contractId, String prefix) {
        List<Item> items = Queries.all(table, QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.contract(contractId)), ":prefix", Item.attr(prefix)))
                .build());
        Map<String, Hand> hands = new LinkedHashMap<>();
        Map<String, Rate> rates = new HashMap<>();
        for (Item item : items) {
            String sk = item.string(Table.SK);
            if (sk.endsWith("#RATE")) {
                rates.put(sk.substring(0, sk.length() - "#RATE".length()), rate(item));
            } else {
                hands.put(sk, hand(item));
            }
        }
        List<HandAndRate> result = new ArrayList<>();
        hands.forEach((sk, hand) -> result.add(new HandAndRate(hand, rates.get(sk))));
        return result;
    }

    static Item item(Contract c) {
        Item item = Item.key(Keys.contract(c.id()), Keys.CONTRACT)
                .s("type", "contract").n("id", c.id()).n("user_id", c.userId()).n("owner_id", c.ownerId())
                .s("label", c.label()).s("description", c.description()).n("status_id", c.statusId())
                .s("start", Timestamps.seconds(c.start())).s("end", Timestamps.seconds(c.end())).s("timezone", c.timezone())
                .bool("private", c.isPrivate()).bool("credit", c.credit()).n("amount", c.amount()).s("currency", c.currency())
                .s("settings", c.settings() == null ? null : Json.write(c.settings()))
                .strings("files", c.files().stream().map(String::valueOf).toList())
                .s("created_at", Timestamps.record(c.createdAt())).s("updated_at", Timestamps.record(c.updatedAt()));
        if (c.parentId() != null) {
            item.n("parent_id", c.parentId());
        }
        if (c.kalId() != null) {
            item.n("kal_id", c.kalId());
        }
        return item;
    }

    static Contract contract(Item i) {
        Map<String, BigDecimal> paid = new HashMap<>();
        Map<String, BigDecimal> credit = new HashMap<>();
        Map<Integer, Long> counts = new HashMap<>();
        i.map().forEach((name, value) -> {
            if (name.startsWith(COUNT_PREFIX)) {
                counts.put(Integer.parseInt(name.substring(COUNT_PREFIX.length())), Long.parseLong(value.n()));
            } else if (name.startsWith(PAID_PREFIX)) {
                paid.put(name.substring(PAID_PREFIX.length()), new BigDecimal(value.n()));
            } else if (name.startsWith(CREDIT_PREFIX)) {
                credit.put(name.substring(CREDIT_PREFIX.length()), new BigDecimal(value.n()));
            }
        });
        Map<String, Contract.Money> money = new HashMap<>();
        for (String currency : paid.keySet()) {
            money.put(currency, new Contract.Money(paid.get(currency), credit.getOrDefault(currency, BigDecimal.ZERO)));
        }
        return new Contract(i.number("id"), i.number("user_id"), i.number("owner_id"), i.string("label"),
                i.string("description"), (int) i.number("status_id"), i.instant("start"), i.instant("end"),
                i.string("timezone"), i.bool("private"), i.bool("credit"), i.decimal("amount"), i.string("currency"),
                i.optionalNumber("parent_id"), i.optionalNumber("kal_id"),
                (ObjectNode) Json.stored(i.string("settings")), i.strings("files").stream().map(Long::valueOf).toList(), money,
                counts, Instant.parse(i.string("created_at")), Instant.parse(i.string("updated_at")));
    }

    static Item item(Hand h) {
        Item item = Item.key(Keys.contract(h.contractId()), Keys.hand(h.userId()))
                .s("type", "hand").n("id", h.id()).n("contract_id", h.contractId()).n("user_id", h.userId())
                .n("role_id", h.role().id()).n("read", h.read()).n("write", h.write()).n("status_id", h.statusId())
                .n("limit", h.limit()).s("running_since", Timestamps.seconds(h.runningSince()))
                .s("created_at", Timestamps.record(h.createdAt())).s("updated_at", Timestamps.record(h.updatedAt()));
        if (h.invitedBy() != null) {
            item.n("invited_by", h.invitedBy());
        }
        if (h.runningEventId() != null) {
            item.n("running_event_id", h.runningEventId());
        }
        if (h.lastStoppedEventId() != null) {
            item.n("last_stopped_event_id", h.lastStoppedEventId());
        }
        return item;
    }

    static Hand hand(Item i) {
        return new Hand(i.number("id"), i.number("contract_id"), i.number("user_id"),
                ContractRole.of(i.number("role_id")).orElseThrow(), (int) i.number("read"), (int) i.number("write"),
                (int) i.number("status_id"), (int) i.number("limit", 0), i.optionalNumber("invited_by"),
                i.optionalNumber("running_event_id"), i.instant("running_since"),
                i.optionalNumber("last_stopped_event_id"),
                Instant.parse(i.string("created_at")), Instant.parse(i.string("updated_at")));
    }

    static Item item(Hand hand, Rate r) {
        Item item = Item.key(Keys.contract(hand.contractId()), Keys.handRate(hand.userId()))
                .s("type", "hand_rate").n("id", r.id()).n("hand_id", hand.id()).n("price", r.price()).s("currency", r.currency())
                .n("msp", r.msp()).s("label", r.label()).s("description", r.description()).s("timezone", r.timezone())
                .s("start", Timestamps.seconds(r.start())).s("end", Timestamps.seconds(r.end()))
                .s("settings", r.settings() == null ? null : Json.write(r.settings()));
        if (r.duration() != null) {
            item.n("duration", r.duration());
        }
        return item;
    }

    static Rate rate(Item i) {
        return new Rate(i.number("id"), i.decimal("price"), i.string("currency"),
                i.has("duration") ? (int) i.number("duration") : null, i.number("msp", 0), i.string("label"),
                i.string("description"), i.string("timezone"), i.instant("start"), i.instant("end"),
                (ObjectNode) Json.stored(i.string("settings")));
    }

    private static Item pointer(Hand h) {
        return Item.key(Keys.handPointer(h.id()), Keys.HAND).s("type", "hand_pointer")
                .n("contract_id", h.contractId()).n("user_id", h.userId());
    }

    private static Item listing(Hand h) {
        return Item.key(Keys.user(h.userId()), Keys.userContract(h.contractId())).s("type", "contract_listing")
                .n("contract_id", h.contractId()).n("role_id", h.role().id()).s("created_at", Timestamps.record(h.createdAt()));
    }
}
