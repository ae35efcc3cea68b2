package com.ceki.contracts.work;

import com.ceki.contracts.Contract;
import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.ContractOperation;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Contracts;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.paging.Page;
import com.ceki.core.validation.Validator;
import com.ceki.events.Attendance;
import com.ceki.events.Event;
import com.ceki.events.EventQuery;
import com.ceki.events.EventRepository;
import com.ceki.storage.Backoff;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A contract's bills (events of type 4): a label and {@code data {users, visiblecol, items}}, where each item names
 * a transaction of the contract. A bill's amount is the sum of its items' stored amounts, never a client's number;
 * an item belongs to one bill at a time (the bill and its items are one transaction), and a deleted bill (soft:
 * {@code deleted_at}) frees its items again.
 */
public final class Bills {

    private final Table table;
    private final Contracts contracts;
    private final ContractRepository repository;
    private final EventRepository events;
    private final IdGenerator ids;
    private final Clock clock;

    public Bills(Table table, Contracts contracts, ContractRepository repository, EventRepository events, IdGenerator ids,
                 Clock clock) {
        this.table = table;
        this.contracts = contracts;
        this.repository = repository;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    public Page<Event> list(long callerId, long contractId, EventQuery query) {
        Contract contract = contracts.access(callerId, contractId).require(ContractOperation.READ_BILLS).contract();
        query.type(Event.TYPE_BILL);
        return events.list(Event.CONTRACT, contractId, query, contract.eventCounts());
    }

    public Event create(long callerId, long contractId, WorkRules.BillInput in) {
        ContractAccess access = contracts.access(callerId, contractId).require(ContractOperation.BILLS);
        for (int attempt = 1; attempt <= TimeBooking.ATTEMPTS; attempt++) {
            Map<Long, Event> found = events.findAll(in.items().stream().map(WorkRules.BillItem::id).toList());
            Validator v = Validator.of(Json.object());
            Set<Long> seen = new HashSet<>();
            String currency = null;
            BigDecimal total = BigDecimal.ZERO;
            List<Event> items = new ArrayList<>();
            for (int i = 0; i < in.items().size(); i++) {
                String field = "data.items." + i + ".id";
                Event e = found.get(in.items().get(i).id());
                if (e == null || !e.belongsTo(Event.CONTRACT, contractId) || e.isDeleted()
                        || (e.typeId() != Event.TYPE_MEETING && e.typeId() != Event.TYPE_TIME)) {
                    v.fail(field, "The selected " + field + " is invalid.");
                } else if (e.statusId() == Event.STATUS_RUNNING) {
                    v.fail(field, "The " + field + " is a running clock.");
                } else if (e.billId() != null) {
                    v.fail(field, "The " + field + " is already in bill " + e.billId() + ".");
                } else if (!seen.add(e.id())) {
                    v.fail(field, "The " + field + " is listed twice.");
                } else if (currency != null && e.amount() != null && !currency.equals(e.currency())) {
                    v.fail(field, "The " + field + " is in " + e.currency() + ", the bill in " + currency + ".");
                } else {
                    items.add(e);
                    if (e.amount() != null) {
                        currency = e.currency();
                        total = total.add(e.amount());
                    }
                }
            }
            v.check();
            Instant now = clock.instant();
            Event bill = Event.builder(ids.next(), Event.TYPE_BILL, callerId, now).status(Event.STATUS_NEW)
                    .billable(Event.CONTRACT, contractId).kal(access.contract().kalId()).label(in.label())
                    .timezone(access.contract().timezone())
                    .money(total, BigDecimal.ZERO, currency != null ? currency : access.contract().currency())
                    .data(data(in, in.users(), in.visiblecol())).attendees(Json.array()).build();
            WriteTransaction tx = new WriteTransaction(table);
            events.create(tx, bill, List.of(Attendance.owner(bill.id(), callerId, null, now)));
            repository.countEvent(tx, contractId, Event.TYPE_BILL);
            items.forEach(e -> events.replace(tx, e, e.toBuilder().bill(bill.id()).changedAt(now)));
            if (tx.commit().committed()) {
                return bill;
            }
            Backoff.pause(attempt); // an item changed (billed elsewhere?): check them again
        }
        throw new ServiceUnavailable("The contract is busy; try again.");
    }

    /** {@code PUT .../bills/{bill}}: its label, and the {@code users} and {@code visiblecol} it shows. */
    public Event update(long callerId, long contractId, long billId, WorkRules.BillInput in) {
        contracts.access(callerId, contractId).require(ContractOperation.BILLS);
        Event bill = bill(contractId, billId);
        ObjectNode data = bill.data() == null ? Json.object() : bill.data().deepCopy();
        if (in.users() != null) {
            data.set("users", in.users());
        }
        if (in.visiblecol() != null) {
            data.set("visiblecol", in.visiblecol());
        }
        Event changed = bill.toBuilder().label(in.label()).data(data).changedAt(clock.instant());
        WriteTransaction tx = new WriteTransaction(table);
        events.replace(tx, bill, changed);
        if (!tx.commit().committed()) {
            throw new Conflict("This bill changed while it was being saved; read it again.");
        }
        return changed;
    }

    /** {@code DELETE .../bills/{bill}}: marks it deleted and frees its items, in one transaction. */
    public Event delete(long callerId, long contractId, long billId) {
        contracts.access(callerId, contractId).require(ContractOperation.BILLS);
        for (int attempt = 1; attempt <= TimeBooking.ATTEMPTS; attempt++) {
            Event bill = bill(contractId, billId);
            Instant now = clock.instant();
            Event deleted = bill.toBuilder().deleted(now).changedAt(now);
            List<Long> itemIds = new ArrayList<>();
            bill.data().path("items").forEach(item -> itemIds.add(item.path("id").asLong()));
            WriteTransaction tx = new WriteTransaction(table);
            events.replace(tx, bill, deleted);
            repository.countEvents(tx, contractId, Map.of(Event.TYPE_BILL, -1));
            events.findAll(itemIds).values().stream().filter(e -> e.billId() != null && e.billId() == billId)
                    .forEach(e -> events.replace(tx, e, e.toBuilder().bill(null).changedAt(now)));
            if (tx.commit().committed()) {
                return deleted;
            }
            Backoff.pause(attempt);
        }
        throw new ServiceUnavailable("The contract is busy; try again.");
    }

    private Event bill(long contractId, long billId) {
        return events.find(billId).filter(e -> e.belongsTo(Event.CONTRACT, contractId) && e.typeId() == Event.TYPE_BILL
                && !e.isDeleted()).orElseThrow(() -> new NotFound("Bill not found."));
    }

    private static ObjectNode data(WorkRules.BillInput in, ArrayNode users, ArrayNode visiblecol) {
        ObjectNode data = Json.object();
        data.set("users", users != null ? users : Json.array());
        data.set("visiblecol", visiblecol != null ? visiblecol : Json.array());
        ArrayNode items = data.putArray("items");
        for (WorkRules.BillItem item : in.items()) {
            ObjectNode node = items.addObject().put("id", item.id()).put("type", item.type());
            node.set("fields", item.fields());
        }
        return data;
    }
}
