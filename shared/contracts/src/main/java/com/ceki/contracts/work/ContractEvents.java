package com.ceki.contracts.work;

import com.ceki.calendars.KalRepository;
import com.ceki.contracts.Contract;
import com.ceki.contracts.ContractAccess;
import com.ceki.contracts.ContractOperation;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Contracts;
import com.ceki.contracts.Hand;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.paging.Page;
import com.ceki.core.validation.Validator;
import com.ceki.events.Attendance;
import com.ceki.events.Event;
import com.ceki.events.EventChanger;
import com.ceki.events.EventQuery;
import com.ceki.events.EventRepository;
import com.ceki.events.EventTimes;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Backoff;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import com.ceki.users.OwnFiles;
import com.ceki.users.UserRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * A contract's events as its members see them: meetings and tasks (created here), every transaction listed with the
 * reference's filters, changed (a locked one, approved, paid or billed, is a 409 saying why), exported into one's
 * own kal, and deleted.
 */
public final class ContractEvents {

    /** A meeting without a length lasts an hour. */
    private static final int DEFAULT_MINUTES = 60;

    private final Table table;
    private final Contracts contracts;
    private final ContractRepository repository;
    private final EventRepository events;
    private final TimeBooking booking;
    private final ContractEventChanges changes;
    private final EventChanger changer;
    private final KalRepository kals;
    private final UserRepository users;
    private final IdGenerator ids;
    private final Clock clock;

    public ContractEvents(Table table, Contracts contracts, ContractRepository repository, EventRepository events,
                          TimeBooking booking, ContractEventChanges changes, KalRepository kals, UserRepository users,
                          IdGenerator ids, Clock clock) {
        this.table = table;
        this.contracts = contracts;
        this.repository = repository;
        this.events = events;
        this.booking = booking;
        this.changes = changes;
        this.changer = new EventChanger(table, events);
        this.kals = kals;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * {@code GET .../events}: what the caller's role lets them see (their own only, below read level 2; bills and
     * other hands' rates from read level 3).
     */
    public Page<Event> list(long callerId, long contractId, EventQuery query) {
        ContractAccess access = contracts.access(callerId, contractId).require(ContractOperation.READ_OWN_EVENTS);
        if (!access.may(ContractOperation.READ_ALL_EVENTS)) {
            query.visibleTo(callerId);
        }
        if (!access.may(ContractOperation.READ_BILLS)) {
            query.hideType(Event.TYPE_BILL);
        }
        return events.list(Event.CONTRACT, contractId, query, access.contract().eventCounts()).map(e -> shown(access, e));
    }

    /** {@code POST .../events}: a meeting or task (type 1), new (100), for a hand if {@code benefitable} names one. */
    public Event create(long callerId, long contractId, WorkRules.EventInput in) {
        ContractAccess access = contracts.access(callerId, contractId).require(ContractOperation.WRITE_EVENTS);
        Contract contract = access.contract();
        Hand hand = in.handId() == null ? null : handOf(contractId, in.handId(), "benefitable.value");
        checkReferences(callerId, contractId, in);
        ZoneId zone = in.time() == null ? ZoneId.of(contract.timezone()) : in.time().zoneOr(ZoneId.of(contract.timezone()));
        EventTimes.Span span = in.time() == null ? null : in.time().span(zone, DEFAULT_MINUTES);
        Instant now = clock.instant();
        Map<String, Long> attendeeIds = users.findIdsByEmail(Attendance.emails(in.attendees()));
        for (int attempt = 1; attempt <= TimeBooking.ATTEMPTS; attempt++) {
            Event.Builder builder = Event.builder(ids.next(), Event.TYPE_MEETING, callerId, now).status(Event.STATUS_NEW)
                    .billable(Event.CONTRACT, contractId).kal(contract.kalId()).parent(in.parentId()).label(in.label())
                    .externalId(in.externalId())
                    .description(in.description()).timezone(zone.getId())
                    .money(in.amount(), BigDecimal.ZERO, in.currency() != null ? in.currency() : contract.currency())
                    .isPrivate(in.isPrivate() != null && in.isPrivate()).credit(in.credit() != null && in.credit())
                    .files(in.files() != null ? in.files() : List.of())
                    .attendees(in.attendees() != null ? in.attendees() : Json.array());
            if (hand != null) {
                builder.benefitable(Event.CONTRACT_HAND, hand.id(), hand.userId());
            }
            if (span != null) {
                builder.time(span.start(), span.end(), span.minutes()).date(LocalDate.ofInstant(span.start(), zone).toString());
            }
            Event event = builder.build();
            WriteTransaction tx = new WriteTransaction(table);
            events.create(tx, event, Attendance.of(event, hand == null ? null : hand.userId(), null, event.attendees(),
                    attendeeIds, now));
            repository.countEvent(tx, contractId, event.typeId());
            WriteTransaction.Outcome outcome = tx.commit();
            if (outcome.committed()) {
                return event;
            }
            if (in.externalId() != null && events.findByExternalId(callerId, in.externalId()).isPresent()) {
                throw new Conflict("You already have an event with this external id.");
            }
            Backoff.pause(attempt); // an id minted twice, or the contract's count written at the same moment
        }
        throw new ServiceUnavailable("Could not save the event; try again.");
    }

    /**
     * {@code PUT .../events/{event}}: meetings and tasks change what is sent (their status among 100, 400, 444, 777);
     * a time entry changes its time, label and files, its amount following its minutes at the rate it was logged
     * at. Approved, paid and billed transactions are locked (409, with the reason); payments and bills never change
     * here.
     */
    public Event update(long callerId, long contractId, long eventId, WorkRules.EventInput in) {
        ContractAccess access = contracts.access(callerId, contractId);
        Event before = readable(access, eventId);
        changes.requireChangeable(access, before);
        Contract contract = access.contract();
        Event.Builder changed = before.toBuilder();
        applyCommon(changed, in);
        if (before.typeId() == Event.TYPE_TIME) {
            requireTimeEntryChange(in);
        } else {
            Hand hand = in.sent("benefitable") && in.handId() != null ? handOf(contractId, in.handId(), "benefitable.value") : null;
            if (in.statusId() != null) {
                changed.status(in.statusId());
            }
            if (in.sent("amount") || in.sent("currency")) {
                changed.money(in.sent("amount") ? in.amount() : before.amount(), before.paid(),
                        in.currency() != null ? in.currency() : before.currency());
            }
            if (in.sent("benefitable")) {
                changed.benefitable(hand == null ? null : Event.CONTRACT_HAND, hand == null ? null : hand.id(),
                        hand == null ? null : hand.userId());
            }
            if (in.sent("attendees")) {
                changed.attendees(in.attendees() != null ? in.attendees() : Json.array());
            }
        }
        checkReferences(callerId, contractId, in);
        if (in.time() != null) {
            ZoneId zone = in.time().zoneOr(before.zoneOr(contract.timezone()));
            Integer length = before.duration() != null ? before.duration() : before.typeId() == Event.TYPE_TIME ? null : DEFAULT_MINUTES;
            EventTimes.Span span = in.time().span(zone, length);
            changed.timezone(zone.getId()).time(span.start(), span.end(), span.minutes())
                    .date(LocalDate.ofInstant(span.start(), ZoneId.of(contract.timezone())).toString());
        }
        Instant now = clock.instant();
        Event after = changes.settle(before, changed.changedAt(now));
        List<Attendance> current = events.attendances(eventId);
        boolean reconcile = in.sent("attendees") && before.typeId() != Event.TYPE_TIME;
        AttendeeChange attendees = reconcile ? attendeeChange(after, current, now) : new AttendeeChange(List.of(), List.of());
        List<Attendance> moving = current.stream().filter(a -> !attendees.removed().contains(a)).toList();
        int writes = 1 + (EventRepository.moves(before, after) ? moving.size() : 0) + attendees.removed().size()
                + attendees.added().size();
        if (writes > WriteTransaction.MAX_ITEMS) {
            throw ValidationFailed.of("attendees", "This change of attendees is " + writes + " writes, more than one"
                    + " atomic request takes (" + WriteTransaction.MAX_ITEMS + "): change fewer attendees at once.");
        }
        changer.change(before, after, changes, moving, tx -> {
            attendees.removed().forEach(a -> tx.delete(Item.key(Keys.event(eventId), Keys.attendee(a.userId()))));
            attendees.added().forEach(a -> events.putAttendance(tx, a, after));
        });
        return shown(access, after);
    }

    /** The attendances a new attendee list adds and removes (owner and host stay). */
    private record AttendeeChange(List<Attendance> added, List<Attendance> removed) {}

    /**
     * {@code POST .../events/{event}/export/{export}}: a copy of the event in the caller's kal {@code export},
     * linked to it ({@code origin_id}); exporting it there again returns that copy.
     */
    public Event export(long callerId, long contractId, long eventId, long kalId) {
        Event original = readable(contracts.access(callerId, contractId), eventId);
        if (!kals.belongsTo(callerId, kalId)) {
            throw new NotFound("Kal not found.");
        }
        Item guard = Item.key(Keys.event(eventId), Keys.eventCopy(kalId, callerId));
        Optional<Long> existing = copyOf(guard);
        if (existing.isPresent()) {
            return events.find(existing.get()).orElseThrow();
        }
        Instant now = clock.instant();
        Event copy = Event.builder(ids.next(), original.typeId(), callerId, now).status(original.statusId())
                .kal(kalId).origin(eventId).label(original.label()).description(original.description())
                .timezone(original.timezone()).time(original.start(), original.end(), original.duration())
                .date(original.date()).isPrivate(true).attendees(Json.array()).build();
        WriteTransaction tx = new WriteTransaction(table);
        events.create(tx, copy, List.of(Attendance.owner(copy.id(), callerId, kalId, now)));
        tx.putNew(guard.s("type", "event_copy").n("copy_id", copy.id()));
        if (!tx.commit().committed()) {
            return copyOf(guard).flatMap(events::find).orElseThrow(() -> new Conflict("Exporting raced; try again."));
        }
        return copy;
    }

    /**
     * {@code DELETE .../transactions}: soft-deletes up to 100 of the contract's transactions at once, all or none.
     * One's own unlocked ones need to be allowed to log (time) or write (meetings); others' need
     * {@link ContractOperation#DELETE_TRANSACTIONS}. Locked, running, payments and bills are refused (409).
     */
    public int delete(long callerId, long contractId, List<Long> eventIds) {
        ContractAccess access = contracts.access(callerId, contractId).require(ContractOperation.READ_OWN_EVENTS);
        Contract contract = access.contract();
        for (int attempt = 1; attempt <= TimeBooking.ATTEMPTS; attempt++) {
            Map<Long, Event> found = events.findAll(eventIds);
            Validator v = Validator.of(Json.object());
            Map<Long, Event> deleting = new LinkedHashMap<>();
            for (int i = 0; i < eventIds.size(); i++) {
                Event e = found.get(eventIds.get(i));
                if (e == null || !e.belongsTo(Event.CONTRACT, contractId) || !visible(access, e)) {
                    v.fail("transactions." + i, "The selected transactions." + i + " is invalid.");
                } else if (!e.isDeleted()) {
                    deleting.put(e.id(), e);
                }
            }
            v.check();
            for (Event e : deleting.values()) {
                requireUnlocked(e);
                if (e.statusId() == Event.STATUS_RUNNING) { // its hand still names it: its stop would book it
                    throw new Conflict("Transaction " + e.id() + " is running: stop the clock first.");
                }
                access.require(own(access, e) ? (e.typeId() == Event.TYPE_TIME ? ContractOperation.LOG_OWN_TIME
                        : ContractOperation.WRITE_EVENTS) : ContractOperation.DELETE_TRANSACTIONS);
            }
            Map<Long, List<Event>> timeByHand = new LinkedHashMap<>();
            deleting.values().stream().filter(e -> e.typeId() == Event.TYPE_TIME && e.start() != null && e.end() != null)
                    .forEach(e -> timeByHand.computeIfAbsent(e.benefitableId(), h -> new ArrayList<>()).add(e));
            int writes = deleting.size() + 1 + timeByHand.values().stream().mapToInt(list -> TimeBooking.weeksTouched(contract, list)).sum();
            if (writes > WriteTransaction.MAX_ITEMS) {
                throw ValidationFailed.of("transactions", "These transactions and the weeks of time they free are "
                        + writes + " writes, more than one atomic request takes (" + WriteTransaction.MAX_ITEMS + "): delete fewer at once.");
            }
            Instant now = clock.instant();
            WriteTransaction tx = new WriteTransaction(table);
            deleting.values().forEach(e -> events.replace(tx, e, e.toBuilder().deleted(now).changedAt(now)));
            timeByHand.forEach((handId, entries) -> booking.release(tx, contract, handId, entries));
            if (!deleting.isEmpty()) {
                repository.countEvents(tx, contractId, deleting.values().stream()
                        .collect(Collectors.groupingBy(Event::typeId, Collectors.summingInt(e -> -1))));
            }
            if (tx.commit().committed()) {
                return deleting.size();
            }
            Backoff.pause(attempt);
        }
        throw new ServiceUnavailable("The contract is busy; try again.");
    }

    /** What a time entry does not change through {@code PUT}: its status, amount and hand. */
    private static void requireTimeEntryChange(WorkRules.EventInput in) {
        if (in.statusId() != null) {
            throw notOnATimeEntry("status_id");
        }
        if (in.sent("amount") || in.sent("currency")) {
            throw notOnATimeEntry("amount");
        }
        if (in.sent("benefitable")) {
            throw notOnATimeEntry("benefitable");
        }
    }

    /** Why a time entry does not take {@code field} (status_id, amount, benefitable) through any change. */
    static ValidationFailed notOnATimeEntry(String field) {
        return switch (field) {
            case "status_id" -> ValidationFailed.of(field, "Time entries are approved or declined with .../transactions/approve and /decline.");
            case "amount" -> ValidationFailed.of(field, "A time entry's amount is its minutes at its rate: change its time instead.");
            default -> ValidationFailed.of(field, "A time entry stays with the hand it was logged for.");
        };
    }

    private static void applyCommon(Event.Builder changed, WorkRules.EventInput in) {
        if (in.sent("label")) {
            changed.label(in.label());
        }
        if (in.sent("description")) {
            changed.description(in.description());
        }
        if (in.sent("private")) {
            changed.isPrivate(in.isPrivate() != null && in.isPrivate());
        }
        if (in.sent("credit")) {
            changed.credit(in.credit() != null && in.credit());
        }
        if (in.sent("files")) {
            changed.files(in.files() != null ? in.files() : List.of());
        }
        if (in.sent("parent_id")) {
            changed.parent(in.parentId());
        }
    }

    /** New attendees get an attendance; attendees no longer listed lose theirs (owner and host stay). */
    private AttendeeChange attendeeChange(Event event, List<Attendance> current, Instant now) {
        Map<String, Long> idsByEmail = users.findIdsByEmail(Attendance.emails(event.attendees()));
        List<Long> listed = idsByEmail.values().stream().toList();
        List<Attendance> removed = current.stream()
                .filter(a -> a.roleId() == Attendance.ROLE_ATTENDEE && !listed.contains(a.userId())).toList();
        List<Attendance> added = Attendance.of(event, null, null, event.attendees(), idsByEmail, now).stream()
                .filter(wanted -> current.stream().noneMatch(a -> a.userId() == wanted.userId())).toList();
        return new AttendeeChange(added, removed);
    }

    /** An event of this contract the caller may see; anything else is not found. */
    Event readable(ContractAccess access, long eventId) {
        access.require(ContractOperation.READ_OWN_EVENTS);
        return events.find(eventId)
                .filter(e -> e.belongsTo(Event.CONTRACT, access.contract().id()) && !e.isDeleted() && visible(access, e))
                .orElseThrow(() -> new NotFound("Event not found."));
    }

    /** Whether the caller's role lets them see {@code e} at all: bills need read level 3, like their listing. */
    public static boolean visible(ContractAccess access, Event e) {
        if (e.typeId() == Event.TYPE_BILL && !access.may(ContractOperation.READ_BILLS)) {
            return false;
        }
        return access.may(ContractOperation.READ_ALL_EVENTS) || own(access, e);
    }

    /** {@code e} as the caller may see it: another hand's rate only with {@link ContractOperation#READ_RATES}. */
    public static Event shown(ContractAccess access, Event e) {
        if (e.rate() == null || access.may(ContractOperation.READ_RATES) || access.isCaller(e.benefitableUserId())) {
            return e;
        }
        return e.toBuilder().rate(null).build();
    }

    public static boolean own(ContractAccess access, Event e) {
        return access.isCaller(e.userId()) || access.isCaller(e.benefitableUserId());
    }

    /** Approved, paid (even partly) and billed transactions are locked; payments and bills change elsewhere. */
    public static void requireUnlocked(Event e) {
        if (e.typeId() == Event.TYPE_PAYMENT) {
            throw new Conflict("A payment is a record and does not change.");
        }
        if (e.typeId() == Event.TYPE_BILL) {
            throw new Conflict("Bills change through .../bills/{bill}.");
        }
        if (e.statusId() == Event.STATUS_CONFIRMED) {
            throw new Conflict("This transaction is approved, so it is locked.");
        }
        if (e.paid().signum() > 0) {
            throw new Conflict("This transaction is paid (" + e.paid().toPlainString() + "), so it is locked.");
        }
        if (e.billId() != null) {
            throw new Conflict("This transaction is in bill " + e.billId() + ", so it is locked.");
        }
    }

    private Hand handOf(long contractId, long handId, String field) {
        return repository.handById(handId).filter(h -> h.hand().contractId() == contractId)
                .map(ContractRepository.HandAndRate::hand)
                .orElseThrow(() -> ValidationFailed.of(field, "The selected " + field + " is invalid."));
    }

    private void checkReferences(long callerId, long contractId, WorkRules.EventInput in) {
        Validator v = Validator.of(Json.object());
        if (in.files() != null) {
            new OwnFiles(users).check(v, callerId, "files", in.files());
        }
        if (in.parentId() != null && events.find(in.parentId()).filter(e -> e.belongsTo(Event.CONTRACT, contractId)).isEmpty()) {
            v.fail("parent_id", "The selected parent id is invalid.");
        }
        v.check();
    }

    private Optional<Long> copyOf(Item guard) {
        Item found = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(guard.string(Table.PK), guard.string(Table.SK)).map()).consistentRead(true)).item());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.number("copy_id"));
    }
}
