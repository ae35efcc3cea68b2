package com.ceki.usercontracts;

import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.ContractOperation;
import com.ceki.contracts.ContractRules;
import com.ceki.contracts.ContractViews;
import com.ceki.contracts.Contracts;
import com.ceki.contracts.HandRules;
import com.ceki.contracts.Hands;
import com.ceki.contracts.work.Bills;
import com.ceki.contracts.work.Clocks;
import com.ceki.contracts.work.ContractCorrections;
import com.ceki.contracts.work.ContractEvents;
import com.ceki.contracts.work.ContractMoney;
import com.ceki.contracts.work.TimeEntries;
import com.ceki.contracts.work.WorkRules;
import com.ceki.core.auth.Principal;
import com.ceki.core.idempotency.IdempotencyStore;
import com.ceki.core.json.Json;
import com.ceki.core.paging.Page;
import com.ceki.core.usage.UsageMeter;
import com.ceki.core.validation.Validator;
import com.ceki.events.Correction;
import com.ceki.events.Event;
import com.ceki.events.EventViews;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Paginator;
import com.ceki.http.Router;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import javax.inject.Inject;

/**
 * The contract routes (API.md, "Contracts, members (hands), bills, contract events and money"). Every one asks the
 * role matrix through {@link ContractAccess}; every POST that creates something or moves money honours
 * {@code Idempotency-Key}.
 */
public final class UserContractsRoutes {

    private final Contracts contracts;
    private final Hands hands;
    private final ContractEvents events;
    private final TimeEntries time;
    private final Clocks clocks;
    private final ContractMoney money;
    private final Bills bills;
    private final ContractCorrections contractCorrections;
    private final IdempotencyStore idempotency;
    private final Clock clock;

    @Inject
    public UserContractsRoutes(Contracts contracts, Hands hands, ContractEvents events, TimeEntries time, Clocks clocks,
                               ContractMoney money, Bills bills, ContractCorrections contractCorrections,
                               IdempotencyStore idempotency, Clock clock) {
        this.contracts = contracts;
        this.hands = hands;
        this.events = events;
        this.time = time;
        this.clocks = clocks;
        this.money = money;
        this.bills = bills;
        this.contractCorrections = contractCorrections;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public Router router() {
        return new Router(UsageMeter.NONE, idempotency, clock)
                .route("GET /api/contracts", Access.USER, this::list)
                .idempotent("POST /api/contracts", Access.USER, this::create)
                .route("GET /api/contracts/{contract}", Access.USER, this::get)
                .route("PUT /api/contracts/{contract}", Access.USER, this::update)
                .idempotent("POST /api/contracts/{contract}/hands", Access.USER, this::addHand)
                .idempotent("POST /api/contracts/{contract}/invite", Access.USER, this::invite)
                .route("PUT /api/contracts/{contract}/hands/{hand}", Access.USER, this::changeHand)
                .route("POST /api/contracts/{contract}/hands/{hand}/answer", Access.USER, this::answer)
                .route("GET /api/contracts/{contract}/bills", Access.USER, this::listBills)
                .idempotent("POST /api/contracts/{contract}/bills", Access.USER, this::createBill)
                .route("PUT /api/contracts/{contract}/bills/{bill}", Access.USER, this::updateBill)
                .route("DELETE /api/contracts/{contract}/bills/{bill}", Access.USER, this::deleteBill)
                .route("GET /api/contracts/{contract}/events", Access.USER, this::listEvents)
                .idempotent("POST /api/contracts/{contract}/events", Access.USER, this::createEvent)
                .route("PUT /api/contracts/{contract}/events/{event}", Access.USER, this::updateEvent)
                .idempotent("POST /api/contracts/{contract}/events/{event}/export/{export}", Access.USER, this::export)
                .idempotent("POST /api/contracts/{contract}/start", Access.USER, this::startContract)
                .idempotent("POST /api/hands/{contractHand}/start", Access.USER, this::startHand)
                .idempotent("POST /api/hands/{contractHand}/stop", Access.USER, this::stopHand)
                .idempotent("POST /api/contracts/{contract}/time", Access.USER, this::logTime)
                .idempotent("POST /api/contracts/{contract}/transactions/{transaction}/time", Access.USER, this::logChildTime)
                .idempotent("POST /api/contracts/{contract}/payments", Access.USER, this::payHand)
                .idempotent("POST /api/contracts/{contract}/transactions/{transaction}/pay", Access.USER, this::payOne)
                .idempotent("POST /api/contracts/{contract}/transactions/approve", Access.USER, (r, c) -> decide(r, c, true))
                .idempotent("POST /api/contracts/{contract}/transactions/decline", Access.USER, (r, c) -> decide(r, c, false))
                .route("DELETE /api/contracts/{contract}/transactions", Access.USER, this::deleteTransactions);
    }

    // ---- contracts ----

    ApiResponse list(ApiRequest request, Principal caller) {
        Validator v = Validator.ofQuery(request.query());
        Long perPage = v.integer("perPage").between(1, 100).value();
        Long page = v.integer("page").between(1, 1_000_000).value();
        v.check();
        Page<ContractAccess> found = contracts.list(caller.id(), page == null ? 1 : page.intValue(),
                perPage == null ? 15 : perPage.intValue());
        ArrayNode data = Json.array();
        found.items().forEach(a -> data.add(ContractViews.contract(a.contract(), a.hand(), null)));
        return ApiResponse.ok(Paginator.page(found, data, request));
    }

    ApiResponse create(ApiRequest request, Principal caller) {
        var created = contracts.create(caller.id(), ContractRules.create(request.json()));
        return ApiResponse.created(detail(contracts.get(caller.id(), created.id())));
    }

    ApiResponse get(ApiRequest request, Principal caller) {
        return ApiResponse.ok(detail(contracts.get(caller.id(), request.pathId("contract"))));
    }

    ApiResponse update(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        ContractAccess access = contracts.access(caller.id(), id).require(ContractOperation.EDIT_CONTRACT);
        contracts.update(caller.id(), id, ContractRules.update(request.json(), access.contract().currency()));
        return ApiResponse.ok(detail(contracts.get(caller.id(), id)));
    }

    private static ObjectNode detail(Contracts.Detail detail) {
        ContractAccess access = detail.access();
        ObjectNode body = ContractViews.contract(access.contract(), access.hand(), detail.open());
        ArrayNode list = body.putArray("hands");
        boolean rates = access.may(ContractOperation.READ_RATES);
        for (Contracts.Member m : detail.hands()) {
            list.add(ContractViews.hand(m.hand(), m.rate(), m.user(), rates || m.hand().userId() == access.hand().userId()));
        }
        return body;
    }

    // ---- hands ----

    ApiResponse addHand(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        var result = hands.add(caller.id(), id, HandRules.add(request.json(), currency(caller, id)));
        return hand(result, 201);
    }

    ApiResponse invite(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        var result = hands.invite(caller.id(), id, HandRules.invite(request.json(), currency(caller, id)));
        return hand(result, result.created() ? 201 : 200);
    }

    ApiResponse changeHand(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        long handId = request.pathId("hand");
        var result = hands.change(caller.id(), id, handId, HandRules.change(request.json(), currency(caller, id)));
        return hand(result, 200);
    }

    /** The invitee's answer; with a {@code correction_id}, the hand's vote on that correction (yes: up). */
    ApiResponse answer(ApiRequest request, Principal caller) {
        long id = request.pathId("contract");
        long handId = request.pathId("hand");
        HandRules.Answer answer = HandRules.answer(request.json());
        if (answer.correctionId() == null) {
            return hand(hands.answer(caller.id(), id, handId, answer), 200);
        }
        Correction voted = contractCorrections.answer(caller.id(), id, handId, answer.correctionId(), answer.yes());
        ObjectNode body = (ObjectNode) hand(hands.current(id, handId), 200).body();
        body.set("correction", EventViews.correction(voted));
        return ApiResponse.ok(body);
    }

    /**
     * The contract of the path, once the caller is known to be on it: whoever is not gets 404 before their body is
     * read, so that a stranger learns nothing from a validation error either.
     */
    private long member(ApiRequest request, Principal caller) {
        long id = request.pathId("contract");
        if (!contracts.access(caller.id(), id).isMember()) {
            throw ContractAccess.notFound();
        }
        return id;
    }

    /** The currency a hand's rate defaults to; reading it also refuses strangers (404) before the body is read. */
    private String currency(Principal caller, long contractId) {
        return contracts.access(caller.id(), contractId).require(ContractOperation.READ_CONTRACT).contract().currency();
    }

    private static ApiResponse hand(Hands.Result result, int status) {
        return ApiResponse.of(status, ContractViews.hand(result.hand().hand(), result.hand().rate(), result.user(), true));
    }

    // ---- bills ----

    ApiResponse listBills(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        Page<Event> page = bills.list(caller.id(), id, WorkRules.listing(request.query(), false));
        ArrayNode data = Json.array();
        page.items().forEach(b -> data.add(ContractViews.bill(b)));
        return ApiResponse.ok(Paginator.page(page, data, request));
    }

    ApiResponse createBill(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        return ApiResponse.created(ContractViews.bill(bills.create(caller.id(), id, WorkRules.bill(request.json(), false))));
    }

    ApiResponse updateBill(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        long billId = request.pathId("bill");
        return ApiResponse.ok(ContractViews.bill(bills.update(caller.id(), id, billId, WorkRules.bill(request.json(), true))));
    }

    ApiResponse deleteBill(ApiRequest request, Principal caller) {
        return ApiResponse.ok(ContractViews.bill(bills.delete(caller.id(), request.pathId("contract"), request.pathId("bill"))));
    }

    // ---- events ----

    ApiResponse listEvents(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        Page<Event> page = events.list(caller.id(), id, WorkRules.listing(request.query(), true));
        return ApiResponse.ok(Paginator.page(page, EventViews.events(page.items()), request));
    }

    ApiResponse createEvent(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        var input = WorkRules.event(request.json(), false, currency(caller, id));
        return ApiResponse.created(EventViews.event(events.create(caller.id(), id, input)));
    }

    ApiResponse updateEvent(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        long eventId = request.pathId("event");
        var input = WorkRules.event(request.json(), true, currency(caller, id));
        return ApiResponse.ok(EventViews.event(events.update(caller.id(), id, eventId, input)));
    }

    ApiResponse export(ApiRequest request, Principal caller) {
        Event copy = events.export(caller.id(), request.pathId("contract"), request.pathId("event"), request.pathId("export"));
        return ApiResponse.created(EventViews.event(copy));
    }

    // ---- clocks and time ----

    ApiResponse startContract(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        var body = request.json();
        Event running = clocks.start(caller.id(), id, WorkRules.clockHand(body), WorkRules.clockStart(body));
        return ApiResponse.created(EventViews.event(running));
    }

    ApiResponse startHand(ApiRequest request, Principal caller) {
        long handId = request.pathId("contractHand");
        return ApiResponse.created(EventViews.event(clocks.startHand(caller.id(), handId, request.json())));
    }

    /** A stop is never refused for its body: an unreadable one stops the clock at the server's time. */
    ApiResponse stopHand(ApiRequest request, Principal caller) {
        long handId = request.pathId("contractHand");
        return ApiResponse.ok(EventViews.event(clocks.stop(caller.id(), handId, WorkRules.clockStop(request.rawBody()))));
    }

    ApiResponse logTime(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        return ApiResponse.created(EventViews.event(time.log(caller.id(), id, null, WorkRules.time(request.json()))));
    }

    ApiResponse logChildTime(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        long parent = request.pathId("transaction");
        return ApiResponse.created(EventViews.event(time.log(caller.id(), id, parent, WorkRules.childTime(request.json()))));
    }

    // ---- money ----

    ApiResponse payHand(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        return payment(money.payHand(caller.id(), id, WorkRules.payment(request.json(), true)));
    }

    ApiResponse payOne(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        long transaction = request.pathId("transaction");
        return payment(money.payOne(caller.id(), id, transaction, WorkRules.payment(request.json(), false)));
    }

    private static ApiResponse payment(ContractMoney.Payment payment) {
        ObjectNode body = EventViews.event(payment.payment());
        body.set("events", EventViews.events(payment.paid()));
        return ApiResponse.created(body);
    }

    ApiResponse decide(ApiRequest request, Principal caller, boolean approve) {
        long id = member(request, caller);
        List<Event> decided = money.decide(caller.id(), id, WorkRules.transactions(request.json()), approve);
        return ApiResponse.ok(EventViews.events(decided));
    }

    ApiResponse deleteTransactions(ApiRequest request, Principal caller) {
        long id = member(request, caller);
        int deleted = events.delete(caller.id(), id, WorkRules.transactions(request.json()));
        return ApiResponse.ok(Json.object().put("message", deleted == 1 ? "1 transaction deleted." : deleted + " transactions deleted."));
    }
}
