package com.ceki.bench;

import com.ceki.auth.UserTokens;
import com.ceki.bench.Latencies.Call;
import com.ceki.bench.Latencies.Calls;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Rate;
import com.ceki.contracts.work.WeekLocks;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.ceki.events.Event;
import com.ceki.events.EventRepository;
import com.ceki.local.LocalServer;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.storage.CapacityMeter;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import com.ceki.users.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * {@code ContractsBenchmark [--requests N] [--contracts 1000] [--hands 200] [--events 10000]}: contracts, their
 * events and their money through the local runner (HTTP on localhost, user JWTs, the real handlers over dynoxide),
 * one client at a time, beside a bare GetItem (the floor).
 *
 * <p>Measured, p50/p99 of each after a warm-up: a person's contracts ({@code GET /api/contracts}, the first page
 * and the last page of 20) when they have {@code --contracts}; a contract with {@code --hands} accepted hands, each
 * with a rate ({@code GET /api/contracts/{contract}}); the events of a contract with {@code --events} of them, with
 * no filter, with a type+status filter, with a rare filter and with a date window; a clock stop
 * ({@code POST /api/hands/{h}/stop}, after a start that is not timed); a payment that settles 50 approved open
 * entries of a hand exactly ({@code POST .../payments}; 50 fresh entries are seeded before each one, not timed).
 * Every answer's status is checked (and one answer of each phase's content): a wrong one fails the benchmark.
 *
 * <p>Contracts and hands are made through the API, as people make them; the people are written as registration
 * writes them ({@link UserRepository#create}). The events are the items {@link EventRepository#toItem} builds from
 * {@link Event}s, written with BatchWriteItem: time entries of a few hands over the past year (new, approved,
 * declined; the approved ones mostly paid by monthly payments that allocate them), meetings and those payments.
 */
public final class ContractsBenchmark {

    private static final String ZONE = "Europe/Berlin";
    private static final String CURRENCY = "USD";
    /** Hands whose time makes the big contract's events. */
    private static final int WORKERS = 5;
    private static final int PAYMENT_ENTRIES = 50;
    private static final int LATE_PAGE_SIZE = 20;
    private static final String[] WORK = {"Development", "Code review", "Testing", "Design", "Support", "Planning",
            "Documentation", "Deployment", "Research", "Bug fixing"};
    private static final String[] MEETINGS = {"Weekly sync", "Sprint review", "Client call", "Workshop", "Retrospective"};

    private record Sizes(int contracts, int hands, int events) {}

    /** An accepted hand, its person's token and its hourly rate. */
    private record Member(long handId, long userId, String jwt, BigDecimal price) {}

    /** What the seeded events hold, for checking what the listings answer. */
    private record Seeded(int total, int approvedTime, int payments, Instant from, Instant to, int inWindow) {}

    /** One measured phase: its latencies, and the DynamoDB calls and capacity of one of its requests. */
    private record Phase(String name, Latencies latencies, CapacityMeter.Totals oneRequest) {}

    private final LocalServer server;
    private final Table table;
    private final ApiClient api;
    private final UserTokens tokens;
    private final EventRepository events;
    private final ContractRepository contracts;
    private final IdGenerator ids = new IdGenerator(Clock.systemUTC());
    private final Set<Long> seededIds = new HashSet<>();
    private final Random random = new Random(42);
    private final ZoneId zone = ZoneId.of(ZONE);
    private final int requests;
    private final int warmup;
    private final Sizes sizes;
    private final long idBase = System.currentTimeMillis() * 1000;
    private int people;
    /** Where the next payment entries go: back in time from here, one after another. */
    private Instant paymentCursor;

    private ContractsBenchmark(LocalServer server, int requests, Sizes sizes) {
        this.server = server;
        this.table = new Table(EmulatorStack.TABLE_NAME, server.stack().dynamo());
        this.api = new ApiClient(server.baseUrl());
        Map<String, String> env = server.environment();
        this.tokens = UserTokens.issuer(env.get("JWT_SIGNING_KEY"), env.get("JWT_ISSUER"), env.get("JWT_AUDIENCE"),
                Duration.ofHours(2), Clock.systemUTC());
        this.events = new EventRepository(table);
        this.contracts = new ContractRepository(table);
        this.requests = requests;
        this.warmup = Math.max(5, requests / 10);
        this.sizes = sizes;
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            int requests = 300;
            Sizes sizes = new Sizes(1_000, 200, 10_000);
            for (int i = 0; i + 1 < args.length; i += 2) {
                int value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "--requests" -> requests = value;
                    case "--contracts" -> sizes = new Sizes(value, sizes.hands(), sizes.events());
                    case "--hands" -> sizes = new Sizes(sizes.contracts(), value, sizes.events());
                    case "--events" -> sizes = new Sizes(sizes.contracts(), sizes.hands(), value);
                    default -> throw usage();
                }
            }
            if (args.length % 2 != 0 || requests < 1 || sizes.contracts() < 2 || sizes.hands() < 1 || sizes.events() < 100) {
                throw usage();
            }
            // Before any function is constructed: every function's table client then sums what DynamoDB reports.
            System.setProperty("DYNAMODB_CAPACITY_METER", "true");
            Path repoRoot = LocalServer.repoRoot();
            System.err.println("Starting the local emulators and the runner...");
            try (LocalServer server = LocalServer.start(repoRoot, 0,
                    EmulatorStack.start(repoRoot, repoRoot.resolve("bench/target/contracts-emulators")), false)) {
                new ContractsBenchmark(server, requests, sizes).run(args);
                status = 0;
            }
        } catch (BenchmarkFailure e) {
            System.err.println("\nCONTRACTS BENCHMARK FAILED: " + e.getMessage());
        } catch (Exception | Error e) {
            System.err.println("\nCONTRACTS BENCHMARK FAILED:");
            e.printStackTrace();
        }
        System.exit(status); // the emulators' client threads must not keep this JVM alive
    }

    private static BenchmarkFailure usage() {
        return new BenchmarkFailure("usage: ContractsBenchmark [--requests N] [--contracts N >= 2] [--hands N >= 1] "
                + "[--events N >= 100]   (defaults 300, 1000, 200, 10000)");
    }

    private void run(String[] args) throws Exception {
        long started = System.currentTimeMillis();
        String loadBefore = Machine.loadAverage();
        UserRepository users = new UserRepository(table);
        long owner = person(users);
        String ownerJwt = tokens.issue(owner).token();

        // Seeding, through the API where people make things, straight to the table for the bulk of the events.
        long t0 = System.nanoTime();
        System.err.printf("Creating %,d contracts through the API...%n", sizes.contracts());
        long handsContract = contract(ownerJwt, "Agency pool", null);
        long eventsContract = contract(ownerJwt, "Platform development", Instant.now().minus(Duration.ofDays(1100)));
        for (int c = 3; c <= sizes.contracts(); c++) {
            contract(ownerJwt, "Contract " + c, null);
        }
        long contractsNanos = System.nanoTime() - t0;

        t0 = System.nanoTime();
        System.err.printf("Adding and accepting %,d hands through the API...%n", sizes.hands());
        for (int h = 0; h < sizes.hands(); h++) {
            hand(handsContract, ownerJwt, person(users), BigDecimal.valueOf(15 + random.nextInt(106)));
        }
        List<Member> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(hand(eventsContract, ownerJwt, person(users), new BigDecimal(20 + 10 * w + ".50")));
        }
        Member clockHand = hand(eventsContract, ownerJwt, person(users), new BigDecimal("45.00"));
        Member payee = hand(eventsContract, ownerJwt, person(users), new BigDecimal("37.50"));
        long handsNanos = System.nanoTime() - t0;

        t0 = System.nanoTime();
        System.err.printf("Writing %,d events of one contract (BatchWriteItem)...%n", sizes.events());
        Seeded seeded = seedEvents(eventsContract, owner, workers);
        long eventsNanos = System.nanoTime() - t0;
        paymentCursor = WeekLocks.monday(Instant.now(), zone).atStartOfDay(zone).toInstant();

        List<Phase> phases = new ArrayList<>();
        Latencies floor;
        try (DynamoDbClient floorClient = EmulatorStack.dynamoClient(server.stack().endpoints().dynamodb())) {
            GetItemRequest get = GetItemRequest.builder().tableName(table.name())
                    .key(Item.key(Keys.user(owner), "USER").map()).consistentRead(true).build();
            floor = Latencies.floor(floorClient, get, requests * 2);
        }

        // Issue 12: a person's contracts, and a contract's hands.
        int lastPage = (sizes.contracts() + LATE_PAGE_SIZE - 1) / LATE_PAGE_SIZE;
        expect("/api/contracts", ownerJwt, b -> b.path("total").asInt() == sizes.contracts()
                && b.path("data").size() == Math.min(15, sizes.contracts()), "every contract counted, 15 listed");
        phases.add(phase(String.format("GET /api/contracts (%,d contracts, first page, 15 a page)", sizes.contracts()),
                get("/api/contracts", ownerJwt)));
        String late = "/api/contracts?page=" + lastPage + "&perPage=" + LATE_PAGE_SIZE;
        int lateCount = sizes.contracts() - (lastPage - 1) * LATE_PAGE_SIZE;
        expect(late, ownerJwt, b -> b.path("data").size() == lateCount, lateCount + " contracts on the last page");
        phases.add(phase(String.format("GET %s (the last page)", late), get(late, ownerJwt)));
        String detail = "/api/contracts/" + handsContract;
        expect(detail, ownerJwt, b -> b.path("hands").size() == sizes.hands() + 1 && hasRates(b.path("hands")),
                sizes.hands() + " hands with their rates, and the owner's");
        phases.add(phase(String.format("GET /api/contracts/{contract} (%,d hands with rates)", sizes.hands()),
                get(detail, ownerJwt)));

        // Issue 13: a contract's events, its clocks and its money.
        String listing = "/api/contracts/" + eventsContract + "/events";
        expect(listing, ownerJwt, b -> b.path("total").asInt() == seeded.total() && b.path("data").size() == 15,
                seeded.total() + " events counted, 15 listed");
        phases.add(phase(String.format("GET .../events (%,d events, no filter)", seeded.total()), get(listing, ownerJwt)));
        String typeStatus = listing + "?type_id=2&status_id=200";
        expect(typeStatus, ownerJwt, b -> b.path("total").asInt() == seeded.approvedTime() && b.path("data").size() == 15,
                seeded.approvedTime() + " approved time entries");
        phases.add(phase(String.format("GET .../events?type_id=2&status_id=200 (%,d match)", seeded.approvedTime()),
                get(typeStatus, ownerJwt)));
        String rare = listing + "?type_id=3";
        expect(rare, ownerJwt, b -> b.path("total").asInt() == seeded.payments()
                && b.path("data").size() == Math.min(15, seeded.payments()), seeded.payments() + " payments");
        phases.add(phase(String.format("GET .../events?type_id=3 (%,d match: a rare filter)", seeded.payments()),
                get(rare, ownerJwt)));
        String window = listing + "?" + query("dates[from]", Timestamps.seconds(seeded.from())) + "&"
                + query("dates[to]", Timestamps.seconds(seeded.to()));
        expect(window, ownerJwt, b -> b.path("total").asInt() == seeded.inWindow()
                && b.path("data").size() == Math.min(15, seeded.inWindow()), seeded.inWindow() + " events in the window");
        phases.add(phase(String.format("GET .../events?dates[from]=%s&dates[to]=%s (%,d match)",
                LocalDate.ofInstant(seeded.from(), ZoneOffset.UTC), LocalDate.ofInstant(seeded.to(), ZoneOffset.UTC),
                seeded.inWindow()), get(window, ownerJwt)));

        checkClock(clockHand);
        phases.add(phase("POST /api/hands/{h}/stop (after an untimed start)", i -> {
            send("POST", "/api/hands/" + clockHand.handId() + "/start", clockHand.jwt(), Json.object(), 201);
            HttpRequest stop = api.request("POST", "/api/hands/" + clockHand.handId() + "/stop", clockHand.jwt(), Json.object());
            return () -> ApiClient.status(api.send(stop), 200);
        }));

        String payments = "/api/contracts/" + eventsContract + "/payments";
        checkPayment(payments, ownerJwt, eventsContract, payee);
        phases.add(phase(String.format("POST .../payments (%d open entries, their exact sum)", PAYMENT_ENTRIES), i -> {
            HttpRequest pay = api.request("POST", payments, ownerJwt, exactPayment(eventsContract, payee));
            return () -> ApiClient.status(api.send(pay), 201);
        }));
        requireNothingOpen(eventsContract, payee);

        report(args, started, loadBefore, floor, phases,
                String.format("%,d contracts in %.1f s (API), %,d hands in %.1f s (API: add + accept), %,d events in %.1f s "
                                + "(BatchWriteItem)", sizes.contracts(), contractsNanos / 1e9, sizes.hands() + WORKERS + 2,
                        handsNanos / 1e9, seeded.total(), eventsNanos / 1e9));
    }

    // ------------------------------------------------------------------ seeding through the API

    /** A person, written as registration writes one. */
    private long person(UserRepository users) {
        long id = idBase + ++people;
        users.create(id, "bench-contracts-" + id + "@example.com", "Person " + people, null, null, false, Instant.now());
        return id;
    }

    private long contract(String jwt, String label, Instant start) throws Exception {
        ObjectNode body = Json.object().put("label", label).put("currency", CURRENCY).put("timezone", ZONE)
                .put("description", "Work for " + label.toLowerCase() + ", billed monthly.");
        if (start != null) {
            body.put("start", Timestamps.seconds(start));
        }
        return send("POST", "/api/contracts", jwt, body, 201).path("id").asLong();
    }

    /** {@code userId} added as a member at {@code price} an hour, and accepted by them. */
    private Member hand(long contractId, String ownerJwt, long userId, BigDecimal price) throws Exception {
        ObjectNode body = Json.object().put("user_id", userId).put("role_id", 3);
        body.putObject("schedule").put("price", price);
        long handId = send("POST", "/api/contracts/" + contractId + "/hands", ownerJwt, body, 201).path("id").asLong();
        String jwt = tokens.issue(userId).token();
        send("POST", "/api/contracts/" + contractId + "/hands/" + handId + "/answer", jwt,
                Json.object().put("answer", true), 200);
        return new Member(handId, userId, jwt, price);
    }

    private JsonNode send(String method, String path, String jwt, JsonNode body, int expected) throws Exception {
        return ApiClient.body(api.send(method, path, jwt, body), expected);
    }

    // ------------------------------------------------------------------ seeding events as items

    /**
     * The big contract's events: 10% meetings, 1% payments, the rest time entries of the workers, spread over every
     * weekday of the 52 weeks before the current one (so that no hand has time in the current week). Time entries
     * are 20% new, 65% approved, 15% declined; approved ones older than 60 days are paid, by the payments.
     */
    private Seeded seedEvents(long contractId, long owner, List<Member> workers) throws Exception {
        int meetings = sizes.events() / 10;
        int payments = Math.max(WORKERS, sizes.events() / 100);
        int time = sizes.events() - meetings - payments;
        Instant now = Instant.now();
        LocalDate monday = WeekLocks.monday(now, zone);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = monday.minusWeeks(52); d.isBefore(monday); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        Instant paidBefore = now.minus(Duration.ofDays(60));
        List<Event> seeded = new ArrayList<>();
        List<List<Event>> paidOf = new ArrayList<>();
        workers.forEach(w -> paidOf.add(new ArrayList<>()));
        int slots = days.size() * WORKERS;
        for (int s = 0; s < slots; s++) {
            int worker = s % WORKERS;
            Member m = workers.get(worker);
            int count = (int) ((long) (s + 1) * time / slots - (long) s * time / slots);
            Instant start = days.get(s / WORKERS).atTime(LocalTime.of(8, 15 * random.nextInt(4))).atZone(zone).toInstant();
            for (int k = 0; k < count; k++) {
                int minutes = 15 * (1 + random.nextInt(8));
                Instant end = start.plus(Duration.ofMinutes(minutes));
                double r = random.nextDouble();
                int status = r < 0.2 ? Event.STATUS_NEW : r < 0.85 ? Event.STATUS_CONFIRMED : Event.STATUS_DECLINED;
                BigDecimal amount = Rate.amount(m.price(), CURRENCY, minutes);
                Event.Builder entry = Event.builder(id(), Event.TYPE_TIME, m.userId(), end).status(status)
                        .billable(Event.CONTRACT, contractId).benefitable(Event.CONTRACT_HAND, m.handId(), m.userId())
                        .label(WORK[random.nextInt(WORK.length)]).timezone(ZONE).time(start, end, minutes)
                        .date(LocalDate.ofInstant(start, zone).toString()).money(amount, BigDecimal.ZERO, CURRENCY)
                        .rate(m.price()).attendees(Json.array());
                Event e = status == Event.STATUS_NEW ? entry.build() : entry.changedAt(end.plus(Duration.ofDays(2)));
                if (status == Event.STATUS_CONFIRMED && start.isBefore(paidBefore)) {
                    paidOf.get(worker).add(e); // paid below, by its payment
                } else {
                    seeded.add(e);
                }
                start = end.plus(Duration.ofMinutes(15L * random.nextInt(3)));
            }
        }
        for (int n = 0; n < meetings; n++) {
            LocalDate day = days.get(random.nextInt(days.size()));
            Instant start = day.atTime(LocalTime.of(10 + random.nextInt(7), 30 * random.nextInt(2))).atZone(zone).toInstant();
            int minutes = 30 * (1 + random.nextInt(3));
            Instant end = start.plus(Duration.ofMinutes(minutes));
            int[] statuses = {Event.STATUS_NEW, Event.STATUS_CONFIRMED, Event.STATUS_CONFIRMED, Event.STATUS_DONE};
            Event.Builder meeting = Event.builder(id(), Event.TYPE_MEETING, owner, start.minus(Duration.ofDays(3)))
                    .status(statuses[random.nextInt(statuses.length)]).billable(Event.CONTRACT, contractId)
                    .label(MEETINGS[random.nextInt(MEETINGS.length)]).timezone(ZONE).time(start, end, minutes)
                    .date(day.toString()).money(null, BigDecimal.ZERO, CURRENCY).attendees(Json.array());
            if (random.nextBoolean()) {
                Member m = workers.get(random.nextInt(WORKERS));
                meeting.benefitable(Event.CONTRACT_HAND, m.handId(), m.userId());
            }
            seeded.add(meeting.build());
        }
        // Each worker's paid entries, oldest first, settled by consecutive payments (with nothing left: a credit).
        for (int p = 0; p < payments; p++) {
            int worker = p % WORKERS;
            int ofWorker = payments / WORKERS + (worker < payments % WORKERS ? 1 : 0);
            int index = p / WORKERS;
            List<Event> paid = paidOf.get(worker);
            List<Event> settled = paid.subList(index * paid.size() / ofWorker, (index + 1) * paid.size() / ofWorker);
            Instant at = settled.isEmpty()
                    ? days.get(index * days.size() / ofWorker).atTime(LocalTime.NOON).atZone(zone).toInstant()
                    : settled.getLast().end().plus(Duration.ofDays(3));
            seeded.add(seededPayment(contractId, owner, workers.get(worker), settled, seeded, at));
        }
        Seeding.write(table, seeded.stream().map(EventRepository::toItem).toList());
        countSeeded(contractId, seeded.stream().collect(Collectors.groupingBy(Event::typeId, Collectors.summingInt(e -> 1))));

        Instant from = monday.minusWeeks(16).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plus(Duration.ofDays(30)).minusSeconds(1);
        int approved = 0;
        int inWindow = 0;
        for (Event e : seeded) {
            approved += e.typeId() == Event.TYPE_TIME && e.statusId() == Event.STATUS_CONFIRMED ? 1 : 0;
            Instant at = e.start() != null ? e.start() : Instant.parse(e.date());
            inWindow += !at.isBefore(from) && !at.isAfter(to) ? 1 : 0;
        }
        return new Seeded(seeded.size(), approved, payments, from, to, inWindow);
    }

    /**
     * A payment of {@code settled} (added to {@code into} as it left them: paid) made {@code at}, as
     * {@code POST .../payments} writes one; with nothing to settle, it is kept as credit.
     */
    private Event seededPayment(long contractId, long payer, Member to, List<Event> settled, List<Event> into, Instant at) {
        ArrayNode allocations = Json.array();
        BigDecimal total = BigDecimal.ZERO;
        for (Event e : settled) {
            allocations.add(Json.object().put("id", e.id()).put("amount", Amounts.price(e.amount())));
            total = total.add(e.amount());
            into.add(e.toBuilder().money(e.amount(), e.amount(), CURRENCY).changedAt(at));
        }
        BigDecimal credit = settled.isEmpty() ? new BigDecimal("100.00") : BigDecimal.ZERO;
        BigDecimal amount = total.add(credit);
        ObjectNode data = Json.object();
        data.set("allocations", allocations);
        data.put("credit", Amounts.price(credit));
        return Event.builder(id(), Event.TYPE_PAYMENT, payer, at).status(Event.STATUS_CONFIRMED)
                .billable(Event.CONTRACT, contractId).benefitable(Event.CONTRACT_HAND, to.handId(), to.userId())
                .label("Payment " + LocalDate.ofInstant(at, zone)).timezone(ZONE).date(Timestamps.seconds(at))
                .money(amount, amount, CURRENCY).data(data).attendees(Json.array()).build();
    }

    /**
     * The body of a payment that settles exactly {@link #PAYMENT_ENTRIES} approved entries of {@code payee}, seeded
     * now (each before the one seeded before it, so that none overlaps another).
     */
    private ObjectNode exactPayment(long contractId, Member payee) throws Exception {
        requireNothingOpen(contractId, payee);
        List<Item> items = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < PAYMENT_ENTRIES; k++) {
            int minutes = 15 * (1 + random.nextInt(4));
            Instant end = paymentCursor;
            Instant start = end.minus(Duration.ofMinutes(minutes));
            paymentCursor = start.minus(Duration.ofMinutes(15));
            BigDecimal amount = Rate.amount(payee.price(), CURRENCY, minutes);
            sum = sum.add(amount);
            items.add(EventRepository.toItem(Event.builder(id(), Event.TYPE_TIME, payee.userId(), end)
                    .status(Event.STATUS_CONFIRMED).billable(Event.CONTRACT, contractId)
                    .benefitable(Event.CONTRACT_HAND, payee.handId(), payee.userId()).label(WORK[k % WORK.length])
                    .timezone(ZONE).time(start, end, minutes).date(LocalDate.ofInstant(start, zone).toString())
                    .money(amount, BigDecimal.ZERO, CURRENCY).rate(payee.price()).attendees(Json.array())
                    .changedAt(end.plus(Duration.ofHours(1)))));
        }
        Seeding.write(table, items);
        countSeeded(contractId, Map.of(Event.TYPE_TIME, items.size()));
        return Json.object().put("date", Timestamps.seconds(Instant.now())).put("amount", sum.toPlainString())
                .put("benefitable_id", payee.handId()).put("currency", CURRENCY).put("label", "Bench payment");
    }

    /** The contract's event counts grow by what was seeded, as the transactions that create events grow them. */
    private void countSeeded(long contractId, Map<Integer, Integer> seededByType) {
        WriteTransaction tx = new WriteTransaction(table);
        contracts.countEvents(tx, contractId, seededByType);
        if (!tx.commit().committed()) {
            throw new BenchmarkFailure("Contract " + contractId + " is gone: its seeded events could not be counted.");
        }
    }

    /** A payment left none of the payee's entries open: each one settles exactly what was seeded for it. */
    private void requireNothingOpen(long contractId, Member payee) {
        List<Event> open = events.openReceivables(contractId, payee.handId());
        if (!open.isEmpty()) {
            throw new BenchmarkFailure("a payment left " + open.size() + " entries of hand " + payee.handId() + " open");
        }
    }

    /** A fresh event id (ids minted in one millisecond may clash: the seed skips a repeated one). */
    private long id() {
        long id = ids.next();
        while (!seededIds.add(id)) {
            id = ids.next();
        }
        return id;
    }

    // ------------------------------------------------------------------ phases

    /** Warm-up, then {@code requests} calls timed; and, apart, what one call costs in DynamoDB (every function). */
    private Phase phase(String name, Calls calls) throws Exception {
        System.err.println(name + "...");
        Latencies.time("warm-up " + name, warmup, calls);
        Call one = calls.prepare(0);
        CapacityMeter.SHARED.reset();
        String wrong = one.call();
        CapacityMeter.Totals cost = CapacityMeter.SHARED.totals();
        if (wrong != null) {
            throw new BenchmarkFailure(name + ": " + wrong);
        }
        return new Phase(name, Latencies.time(name, requests, calls), cost);
    }

    private Calls get(String path, String jwt) {
        HttpRequest request = api.request("GET", path, jwt, null);
        return i -> () -> ApiClient.status(api.send(request), 200);
    }

    /** One answer checked for its content before its phase: a fast wrong answer would be worthless. */
    private void expect(String path, String jwt, Predicate<JsonNode> check, String expectation) throws Exception {
        JsonNode body = send("GET", path, jwt, null, 200);
        if (!check.test(body)) {
            throw new BenchmarkFailure("GET " + path + ": expected " + expectation + "; got "
                    + ApiClient.abbreviate(Json.write(body)));
        }
    }

    private static boolean hasRates(JsonNode hands) {
        int priced = 0;
        for (JsonNode h : hands) {
            priced += h.path("price").isTextual() && h.path("status_id").asInt() == 200 ? 1 : 0;
        }
        return priced == hands.size() - 1; // the owner's hand bills no time
    }

    /** A start answers the running entry (555), its stop the time entry it became (100). */
    private void checkClock(Member hand) throws Exception {
        JsonNode running = send("POST", "/api/hands/" + hand.handId() + "/start", hand.jwt(), Json.object(), 201);
        JsonNode stopped = send("POST", "/api/hands/" + hand.handId() + "/stop", hand.jwt(), Json.object(), 200);
        if (running.path("status_id").asInt() != Event.STATUS_RUNNING || stopped.path("status_id").asInt() != Event.STATUS_NEW
                || stopped.path("id").asLong() != running.path("id").asLong()) {
            throw new BenchmarkFailure("clock: expected a running entry stopped as new; got " + running + " then " + stopped);
        }
    }

    /** A payment of the exact sum settles every one of the 50 entries, with no credit left. */
    private void checkPayment(String path, String jwt, long contractId, Member payee) throws Exception {
        JsonNode paid = send("POST", path, jwt, exactPayment(contractId, payee), 201);
        int settled = 0;
        for (JsonNode e : paid.path("events")) {
            settled += e.path("payment_status_id").asInt() == Event.PAID ? 1 : 0;
        }
        if (settled != PAYMENT_ENTRIES || new BigDecimal(paid.path("data").path("credit").asText("1")).signum() != 0) {
            throw new BenchmarkFailure("payment: expected " + PAYMENT_ENTRIES + " entries paid and no credit; got "
                    + ApiClient.abbreviate(paid.toString()));
        }
    }

    private static String query(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ report

    private void report(String[] args, long started, String loadBefore, Latencies floor, List<Phase> phases, String seed) {
        System.out.println();
        System.out.println("CONTRACTS: contracts, their events and money through the local runner (one client, sequential requests)");
        System.out.printf("date:     %s; run took %.0f s%n", Instant.ofEpochMilli(started),
                (System.currentTimeMillis() - started) / 1e3);
        System.out.printf("machine:  %s; load average before %s, after %s%n", Machine.describe(" (nproc)"), loadBefore,
                Machine.loadAverage());
        System.out.printf("java:     %s %s; max heap %,d MB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf("requests: %d per phase after %d warm-up; floor: %d GetItems after 300%n", requests, warmup,
                requests * 2);
        System.out.println("seeded:   " + seed);
        System.out.println();
        System.out.printf("%-78s %8s %8s %8s %9s %9s %6s %8s%n", "phase", "p50 ms", "p99 ms", "max ms", "p50/floor",
                "p99/floor", "calls", "units");
        System.out.printf("%-78s %8.2f %8.2f %8.2f %9s %9s %6s %8s%n", "GetItem (floor)", floor.p(50), floor.p(99),
                floor.p(100), "1.0x", "", "1", "");
        for (Phase p : phases) {
            Latencies l = p.latencies();
            System.out.printf("%-78s %8.2f %8.2f %8.2f %8.1fx %8.1fx %6d %8.1f%n", p.name(), l.p(50), l.p(99), l.p(100),
                    l.p(50) / floor.p(50), l.p(99) / floor.p(50), p.oneRequest().calls(), p.oneRequest().capacityUnits());
        }
        System.out.println();
        System.out.println("""
                all times in ms, nearest-rank percentiles. floor = a bare consistent GetItem from a plain SDK client (URL
                connection) to the same dynoxide. Requests include HTTP, the local API Gateway emulation, the authorizer
                (1 GetItem for a user's JWT) and the JSON. calls / units = the DynamoDB calls of one request of the phase,
                authorizer included, and the capacity units DynamoDB reported for them (ReturnConsumedCapacity=TOTAL, summed by
                CapacityMeter; BatchGetItem reports none here). The clock stops a clock started just before (a 0-minute
                entry, its week lock rewritten); each payment settles 50 approved entries seeded just before it (paid in
                one transaction with the payment, its attendance and the contract's figures). The events listings run
                before both, which add to the contract's events.""");
        System.out.println("command:  java -cp \"bench/target/classes:$(cat bench/target/classpath.txt)\" "
                + ContractsBenchmark.class.getName() + (args.length == 0 ? "" : " " + String.join(" ", args))
                + "   (./dev bench contracts" + (args.length == 0 ? "" : " " + String.join(" ", args)) + ")");
    }
}
