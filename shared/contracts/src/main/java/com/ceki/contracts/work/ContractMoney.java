package com.ceki.contracts.work;

import com.ceki.contracts.Contract;
import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.ContractOperation;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Contracts;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.ceki.core.validation.Validator;
import com.ceki.events.Attendance;
import com.ceki.events.Event;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Money under a contract, exact and append-only: a payment is an event (type 3) written in one transaction with
 * every transaction it pays (each on the {@code sequence} read, so parallel payments can never pay one twice) and
 * the contract's figures ({@code paid}, and {@code credit} for what no transaction was left to take). Approvals and
 * declines of up to 100 transactions are one transaction too: all of them or none.
 */
public final class ContractMoney {

    /** A payment and the transactions as it left them. */
    public record Payment(Event payment, List<Event> paid) {}

    /** A payment, its two attendances, the contract's figures and up to this many transactions fit one transaction. */
    static final int MAX_SETTLED = WriteTransaction.MAX_ITEMS - 4;

    private final Table table;
    private final Contracts contracts;
    private final ContractRepository repository;
    private final EventRepository events;
    private final IdGenerator ids;
    private final Clock clock;

    public ContractMoney(Table table, Contracts contracts, ContractRepository repository, EventRepository events,
                         IdGenerator ids, Clock clock) {
        this.table = table;
        this.contracts = contracts;
        this.repository = repository;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * {@code .../transactions/{transaction}/pay}: pays one transaction, partly (300) or fully (200). More than is
     * still open is a 422 and writes nothing; an amount below 1 is accepted only when it is exactly what is open.
     */
    public Payment payOne(long callerId, long contractId, long transactionId, WorkRules.PaymentInput in) {
        ContractAccess access = contracts.access(callerId, contractId).require(ContractOperation.RECORD_PAYMENTS);
        for (int attempt = 1; attempt <= TimeBooking.ATTEMPTS; attempt++) {
            Event t = events.find(transactionId)
                    .filter(e -> e.belongsTo(Event.CONTRACT, contractId) && !e.isDeleted())
                    .orElseThrow(() -> new NotFound("Transaction not found."));
            requirePayable(t);
            WorkRules.requirePlaces(in.amount(), t.currency());
            BigDecimal open = t.outstanding();
            if (in.amount().compareTo(open) > 0) {
                throw ValidationFailed.of("amount", "The amount field must not be greater than what is still open ("
                        + Amounts.price(open) + " " + t.currency() + ").");
            }
            if (in.amount().compareTo(BigDecimal.ONE) < 0 && in.amount().compareTo(open) != 0) {
                throw ValidationFailed.of("amount", "The amount field must be at least 1, or exactly what is still open.");
            }
            Instant now = clock.instant();
            Event after = t.toBuilder().money(t.amount(), t.paid().add(in.amount()), t.currency()).changedAt(now);
            Event payment = payment(access, in, t.currency(), in.amount(), BigDecimal.ZERO, t.benefitableId(),
                    t.benefitableUserId(), t.id(), List.of(after), List.of(in.amount()), now);
            if (commit(contractId, payment, List.of(t), List.of(after), in.amount(), BigDecimal.ZERO)) {
                return new Payment(payment, List.of(after));
            }
            Backoff.pause(attempt); // paid by someone else meanwhile: decide again on what is open now
        }
        throw new ServiceUnavailable("The contract is busy; try again.");
    }

    /**
     * {@code POST .../payments}: a payment for a hand ({@code benefitable_id}; none: the whole contract) that settles
     * its approved, unpaid transactions in that currency oldest first; what they do not take is kept as the
     * contract's credit.
     */
    public Payment payHand(long callerId, long contractId, WorkRules.PaymentInput in) {
        ContractAccess access = contracts.access(callerId, contractId).require(ContractOperation.RECORD_PAYMENTS);
        Contract contract = access.contract();
        ContractRepository.HandAndRate hand = in.handId() == null ? null
                : repository.handById(in.handId()).filter(h -> h.hand().contractId() == contractId)
                        .orElseThrow(() -> ValidationFailed.of("benefitable_id", "The selected benefitable id is invalid."));
        String currency = in.currency() != null ? in.currency()
                : hand != null && hand.rate() != null ? hand.rate().currency() : contract.currency();
        WorkRules.requirePlaces(in.amount(), currency);
        for (int attempt = 1; attempt <= TimeBooking.ATTEMPTS; attempt++) {
            List<Long> candidates = events.openReceivables(contractId, hand == null ? null : hand.hand().id()).stream()
                    .map(Event::id).toList();
            List<Event> open = events.findAll(candidates).values().stream() // GSI2 lags: the items themselves decide
                    .filter(e -> e.belongsTo(Event.CONTRACT, contractId) && !e.isDeleted()
                            && e.statusId() == Event.STATUS_CONFIRMED && currency.equals(e.currency())
                            && e.outstanding().signum() > 0)
                    .sorted(Comparator.comparingLong(Event::id)).limit(MAX_SETTLED).toList();
            Instant now = clock.instant();
            BigDecimal left = in.amount();
            List<Event> before = new ArrayList<>();
            List<Event> after = new ArrayList<>();
            List<BigDecimal> shares = new ArrayList<>();
            for (Event e : open) {
                if (left.signum() == 0) {
                    break;
                }
                BigDecimal share = left.min(e.outstanding());
                left = left.subtract(share);
                before.add(e);
                after.add(e.toBuilder().money(e.amount(), e.paid().add(share), e.currency()).changedAt(now));
                shares.add(share);
            }
            BigDecimal applied = in.amount().subtract(left);
            Event payment = payment(access, in, currency, in.amount(), left, hand == null ? null : hand.hand().id(),
                    hand == null ? null : hand.hand().userId(), null, after, shares, now);
            if (commit(contractId, payment, before, after, applied, left)) {
                return new Payment(payment, after);
            }
            Backoff.pause(attempt);
        }
        throw new ServiceUnavailable("The contract is busy; try again.");
    }

    /** {@code .../transactions/approve} (200) and {@code /decline} (400) of up to 100 transactions, all or none. */
    public List<Event> decide(long callerId, long contractId, List<Long> ids, boolean approve) {
        contracts.access(callerId, contractId).require(ContractOperation.APPROVE);
        int status = approve ? Event.STATUS_CONFIRMED : Event.STATUS_DECLINED;
        for (int attempt = 1; attempt <= TimeBooking.ATTEMPTS; attempt++) {
            Map<Long, Event> found = events.findAll(ids);
            Validator v = Validator.of(Json.object());
            for (int i = 0; i < ids.size(); i++) {
                String problem = problem(found.get(ids.get(i)), contractId, approve);
                if (problem != null) {
                    v.fail("transactions." + i, "The selected transactions." + i + " " + problem);
                }
            }
            v.check();
            Instant now = clock.instant();
            Map<Long, Event> result = new LinkedHashMap<>();
            WriteTransaction tx = new WriteTransaction(table);
            for (Long id : ids) {
                Event e = found.get(id);
                if (result.containsKey(id)) {
                    continue; // listed twice: decided once
                }
                if (e.statusId() == status) {
                    result.put(id, e); // already so: nothing changes
                    continue;
                }
                Event changed = e.toBuilder().status(status).changedAt(now);
                events.replace(tx, e, changed);
                result.put(id, changed);
            }
            if (tx.commit().committed()) {
                return List.copyOf(result.values());
            }
            Backoff.pause(attempt); // one of them changed meanwhile: check them all again
        }
        throw new ServiceUnavailable("The contract is busy; try again.");
    }

    /** Why a transaction cannot be approved or declined (null: it can). */
    private static String problem(Event e, long contractId, boolean approve) {
        if (e == null || !e.belongsTo(Event.CONTRACT, contractId)) {
            return "is not a transaction of this contract.";
        }
        if (e.typeId() != Event.TYPE_MEETING && e.typeId() != Event.TYPE_TIME) {
            return "is a payment or a bill, which is not approved.";
        }
        if (e.isDeleted()) {
            return "is deleted.";
        }
        if (e.statusId() == Event.STATUS_RUNNING) {
            return "is a running clock.";
        }
        if (e.billId() != null) {
            return "is in bill " + e.billId() + ".";
        }
        if (!approve && e.paid().signum() > 0) {
            return "is paid.";
        }
        return null;
    }

    private static void requirePayable(Event t) {
        if (t.typeId() != Event.TYPE_MEETING && t.typeId() != Event.TYPE_TIME) {
            throw ValidationFailed.of("transaction", "Only meetings, tasks and time entries are paid.");
        }
        if (t.statusId() == Event.STATUS_RUNNING) {
            throw ValidationFailed.of("transaction", "A running clock is paid once it is stopped.");
        }
        if (t.statusId() == Event.STATUS_DECLINED) {
            throw ValidationFailed.of("transaction", "A declined transaction is not paid.");
        }
        if (t.amount() == null || t.outstanding().signum() == 0) {
            throw ValidationFailed.of("amount", "Nothing is open on this transaction.");
        }
    }

    private Event payment(ContractAccess access, WorkRules.PaymentInput in, String currency, BigDecimal amount,
                          BigDecimal credit, Long handId, Long handUserId, Long parentId, List<Event> paid,
                          List<BigDecimal> shares, Instant now) {
        ArrayNode allocations = Json.array();
        for (int i = 0; i < paid.size(); i++) {
            allocations.add(Json.object().put("id", paid.get(i).id()).put("amount", Amounts.price(shares.get(i))));
        }
        ObjectNode data = Json.object();
        data.set("allocations", allocations);
        data.put("credit", Amounts.price(credit));
        Event.Builder payment = Event.builder(ids.next(), Event.TYPE_PAYMENT, access.hand().userId(), now)
                .status(Event.STATUS_CONFIRMED).billable(Event.CONTRACT, access.contract().id())
                .kal(access.contract().kalId()).parent(parentId).label(in.label()).timezone(access.contract().timezone())
                .date(Timestamps.seconds(in.date())).money(amount, amount, currency).data(data).attendees(Json.array());
        if (handId != null) {
            payment.benefitable(Event.CONTRACT_HAND, handId, handUserId);
        }
        return payment.build();
    }

    /** The payment, every transaction it pays and the contract's figures and count: one transaction; false if any changed. */
    private boolean commit(long contractId, Event payment, List<Event> before, List<Event> after, BigDecimal paid,
                           BigDecimal credit) {
        WriteTransaction tx = new WriteTransaction(table);
        List<Attendance> attendances = new ArrayList<>();
        attendances.add(Attendance.owner(payment.id(), payment.userId(), null, payment.createdAt()));
        if (payment.benefitableUserId() != null && payment.benefitableUserId() != payment.userId()) {
            attendances.add(Attendance.host(payment.id(), payment.benefitableUserId(), null, payment.createdAt()));
        }
        events.create(tx, payment, attendances);
        for (int i = 0; i < before.size(); i++) {
            events.replace(tx, before.get(i), after.get(i));
        }
        repository.addPayment(tx, contractId, payment.currency(), paid, credit);
        return tx.commit().committed();
    }
}
