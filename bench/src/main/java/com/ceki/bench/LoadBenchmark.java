package com.ceki.bench;

import com.ceki.agents.AgentRepository;
import com.ceki.billing.Ledger;
import com.ceki.billing.LedgerEntry;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.Currency;
import com.ceki.core.usage.UsageEvent;
import com.ceki.local.LocalServer;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.storage.CapacityMeter;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@code LoadBenchmark [--clients N] [--requests N] [--warmup N] [--warmup-rounds N] [--events N] [--shared-requests N]}: the local
 * runner under concurrent load, in one JVM with the emulators it starts.
 *
 * <ul>
 *   <li>p50/p99 latency and requests/s, with {@code --clients} (16) concurrent clients, of a billable call
 *       ({@code POST /api/agent/schedules}, 1.00 USD, answer 201) and of {@code GET /api/agent/me} (200), each client
 *       an agent of its own with a wallet funded far beyond the run; then the billable call again with every client
 *       on one shared wallet;</li>
 *   <li>the floor: a bare GetItem against the same dynoxide with a plain SDK client on the production HTTP client
 *       (URL connection), from one thread and from {@code --clients} threads;</li>
 *   <li>DynamoDB capacity per call, as DynamoDB reports it ({@code ReturnConsumedCapacity=TOTAL}, summed by
 *       {@link CapacityMeter} over every function's table client, with the asynchronous metering of the calls);</li>
 *   <li>metering throughput: {@code --events} usage events put on the MeteringQueue, until the metering function
 *       (the runner's queue poller) has counted them all.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" com.ceki.bench.LoadBenchmark} from the
 * checkout, after {@code mvn -pl bench install}. Every response's status is checked; any other status fails the benchmark (exit 1, after the report), as do a
 * metering that loses events and an emulator that does not start. Exit 0 otherwise: the numbers are a report, not a
 * gate.
 */
public final class LoadBenchmark {

    private static final int DEFAULT_CLIENTS = 16;
    private static final int DEFAULT_REQUESTS = 2_000;
    private static final int DEFAULT_WARMUP = 500;
    private static final int DEFAULT_WARMUP_ROUNDS = 3;
    private static final int DEFAULT_EVENTS = 5_000;
    /** Bounds every measured phase: a phase still running then stops and is reported as capped. */
    private static final Duration PHASE_CAP = Duration.ofSeconds(120);
    /** How long the metering of a phase's calls may take to catch up before the run fails. */
    private static final Duration METERING_CAP = Duration.ofSeconds(180);
    private static final BigDecimal FUNDING_USDT = new BigDecimal("100000");
    private static final String SCHEDULE_ROUTE = "/api/agent/schedules";
    private static final String ME_ROUTE = "/api/agent/me";
    /** The usage type of the billable call (the router meters it under its price's name) and of GET /me. */
    private static final String BILLABLE_TYPE = "schedule_create";
    private static final String ME_TYPE = "profile_read";
    /** A usage type of its own, so the metering phase's counter counts nothing but its own events. */
    private static final String METERING_TYPE = "bench_metering";

    private record Options(int clients, int requests, int warmup, int warmupRounds, int events, int sharedRequests) {}

    /** A registered, activated and funded agent. */
    private record Agent(long id, String apiKey, long kalId) {}

    /** One request of a phase: null when it got the answer it must get, else what it got. */
    @FunctionalInterface
    private interface Call {
        String call() throws Exception;
    }

    /** What a measured phase produced. */
    private record Measured(String name, int clients, int target, long[] latencies, long wallNanos, boolean capped,
                            String failure, CapacityMeter.Totals capacity, String sockets) {
        int completed() {
            return latencies.length;
        }

        double perSecond() {
            return completed() / (wallNanos / 1e9);
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * latencies.length);
            return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
        }

        double meanMillis() {
            return Arrays.stream(latencies).average().orElse(Double.NaN) / 1e6;
        }
    }

    /** The metering phase. */
    private record Metering(int events, long sendNanos, long totalNanos, CapacityMeter.Totals capacity,
                            long counted, String failure) {}

    private final Options options;
    private final LocalServer server;
    private final Table table;
    private final HttpClient http;
    private final String month = YearMonth.now(ZoneOffset.UTC).toString();
    /** Successful metered calls per agent and usage type, what the usage counters must reach: "agentId type". */
    private final Map<String, LongAdder> metered = new ConcurrentHashMap<>();
    private final List<String> failures = new ArrayList<>();
    /** Requests/s of each warm-up round: billable / GET me. */
    private final List<String> warmupRates = new ArrayList<>();
    /** How the shared agent's ids clustered in time (see {@link #idClustering}). */
    private String sharedIds;
    private final long startedAt = System.currentTimeMillis();

    private LoadBenchmark(Options options, LocalServer server) {
        this.options = options;
        this.server = server;
        this.table = new Table(EmulatorStack.TABLE_NAME, server.stack().dynamo());
        // One client for all the load threads (its pool opens one connection per concurrent request), HTTP/1.1
        // as the runner speaks it (no h2c upgrade attempt on every new connection).
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            status = run(args) ? 0 : 1;
        } catch (BenchmarkFailure e) {
            System.err.println("\nLOAD BENCHMARK FAILED: " + e.getMessage());
        } catch (Exception | Error e) {
            System.err.println("\nLOAD BENCHMARK FAILED:");
            e.printStackTrace();
        }
        System.exit(status); // the emulators' and SDK clients' threads must not keep this JVM alive
    }

    private static boolean run(String[] args) throws Exception {
        Options options = options(args);
        Path repoRoot = LocalServer.repoRoot();
        // Before any function is constructed: every function's table client then sums the capacity DynamoDB reports.
        System.setProperty("DYNAMODB_CAPACITY_METER", "true");
        System.err.println("Starting the local emulators and the runner...");
        String loadBefore = Machine.loadAverage();
        // Emulator logs under bench/target, apart from those of a ./dev up or a test run on the same checkout.
        // Scheduled functions (the deposit scanner) off: they are not measured here, and their table reads would
        // run on the same cores and add to the capacity counted for the calls.
        try (LocalServer server = LocalServer.start(repoRoot, 0,
                EmulatorStack.start(repoRoot, repoRoot.resolve("bench/target/load-emulators")), false)) {
            LoadBenchmark bench = new LoadBenchmark(options, server);
            return bench.measureAndReport(args, loadBefore);
        }
    }

    private boolean measureAndReport(String[] args, String loadBefore) throws Exception {
        System.err.printf("Registering, activating and funding %d agents...%n", options.clients() + 1);
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < options.clients() + 1; i++) {
            agents.add(agent(i));
        }
        List<Agent> own = agents.subList(0, options.clients());
        List<Agent> shared = Collections.nCopies(options.clients(), agents.get(options.clients()));

        List<Measured> results = new ArrayList<>();
        try (DynamoDbClient floorClient = EmulatorStack.dynamoClient(server.stack().endpoints().dynamodb())) {
            Agent probe = agents.getFirst();
            GetItemRequest getAgent = GetItemRequest.builder().tableName(EmulatorStack.TABLE_NAME)
                    .key(Item.key(Keys.agent(probe.id()), Keys.AGENT).map()).consistentRead(true).build();
            Call getItem = () -> floorClient.getItem(getAgent).hasItem() ? null : "GetItem found no item";

            System.err.println("Floor: bare GetItem, 1 thread...");
            phase("warm-up", 1, options.warmup(), i -> getItem, true);
            results.add(phase("GetItem, 1 thread (floor)", 1, options.requests(), i -> getItem, false));
            System.err.printf("Floor: bare GetItem, %d threads...%n", options.clients());
            phase("warm-up", options.clients(), options.warmup(), i -> getItem, true);
            results.add(phase("GetItem, " + options.clients() + " threads (floor)", options.clients(),
                    options.requests(), i -> getItem, false));

            // The runner's code paths warm up together (they share the SDK, Jackson, the HTTP server): rounds of both
            // kinds before anything is measured, so that the first measured phase is not slower for being first.
            for (int round = 1; round <= options.warmupRounds(); round++) {
                System.err.printf("Warm-up round %d/%d: %,d billable calls, %,d GET %s...%n", round,
                        options.warmupRounds(), options.warmup(), options.warmup(), ME_ROUTE);
                Measured b = phase("warm-up", options.clients(), options.warmup(), i -> billable(own.get(i)), true);
                Measured m = phase("warm-up", options.clients(), options.warmup(), i -> me(own.get(i)), true);
                warmupRates.add(String.format("%.0f / %.0f", b.perSecond(), m.perSecond()));
            }

            System.err.println("Billable call (POST " + SCHEDULE_ROUTE + "), one wallet per client...");
            Measured billable = meteredPhase("POST " + SCHEDULE_ROUTE + " (billable), own wallets",
                    options.requests(), i -> billable(own.get(i)));
            results.add(billable);

            System.err.println("GET " + ME_ROUTE + "...");
            Measured me = meteredPhase("GET " + ME_ROUTE, options.requests(), i -> me(own.get(i)));
            results.add(me);

            if (options.sharedRequests() > 0) {
                System.err.println("Billable call, every client on one shared wallet...");
                results.add(meteredPhase("POST " + SCHEDULE_ROUTE + " (billable), 1 shared wallet",
                        options.sharedRequests(), i -> billable(shared.get(i))));
                sharedIds = idClustering(agents.get(options.clients()).id());
            }

            System.err.printf("Metering: %,d usage events through the MeteringQueue...%n", options.events());
            Metering metering = metering(agents.getFirst());
            report(args, results, billable, me, metering, loadBefore);
        }
        if (!failures.isEmpty()) {
            System.err.println("\nLOAD BENCHMARK FAILED:");
            failures.forEach(f -> System.err.println("  " + f));
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ set-up

    /** An agent registered over HTTP like any client, then activated and funded as the deposit scanner would. */
    private Agent agent(int index) throws IOException, InterruptedException {
        ObjectNode body = Json.object().put("name", "Load bench " + index)
                .put("email", "load-" + startedAt + "-" + index + "@example.com");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/agent/register"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new BenchmarkFailure("registration answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode json = parse(response.body());
        long agentId = json.path("agent_id").asLong();
        Agent agent = new Agent(agentId, json.path("api_key").asText(), json.path("kal_id").asLong());
        if (agentId <= 0 || agent.apiKey().isEmpty() || agent.kalId() <= 0) {
            throw new BenchmarkFailure("registration gave no agent, key or kal id: " + response.body());
        }
        if (!new AgentRepository(table).activate(agentId, Instant.now())) {
            throw new BenchmarkFailure("could not activate agent " + agentId);
        }
        new Ledger(table, new IdGenerator(Clock.systemUTC()), Clock.systemUTC()).credit(agentId, Currency.USDT,
                FUNDING_USDT, LedgerEntry.Type.DEPOSIT, "bench:" + UUID.randomUUID(), "bench");
        return agent;
    }

    // ------------------------------------------------------------------ the calls

    private Call billable(Agent agent) {
        ObjectNode body = Json.object().put("kal_id", agent.kalId()).put("start", "2026-04-21T09:00:00Z");
        body.putObject("settings").put("price", 10).put("duration", 60);
        HttpRequest request = HttpRequest.newBuilder(uri(SCHEDULE_ROUTE)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + agent.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        LongAdder counter = metered.computeIfAbsent(agent.id() + " " + BILLABLE_TYPE, k -> new LongAdder());
        return () -> expect(request, 201, counter);
    }

    private Call me(Agent agent) {
        HttpRequest request = HttpRequest.newBuilder(uri(ME_ROUTE)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + agent.apiKey()).GET().build();
        LongAdder counter = metered.computeIfAbsent(agent.id() + " " + ME_TYPE, k -> new LongAdder());
        return () -> expect(request, 200, counter);
    }

    private String expect(HttpRequest request, int status, LongAdder counter) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            return request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                    + " (expected " + status + "): " + abbreviate(response.body());
        }
        counter.increment();
        return null;
    }

    // ------------------------------------------------------------------ running

    /**
     * A phase of metered HTTP calls: the metering of what ran before has caught up when the capacity meter is reset,
     * and the metering of this phase's calls when it is read, so that the capacity covers exactly these calls, their
     * authorizer and their metering.
     */
    private Measured meteredPhase(String name, int count, IntFunction<Call> calls)
            throws InterruptedException {
        awaitMetering();
        CapacityMeter.SHARED.reset();
        Measured m = phase(name, options.clients(), count, calls, false);
        awaitMetering();
        CapacityMeter.Totals capacity = CapacityMeter.SHARED.totals();
        return new Measured(m.name(), m.clients(), m.target(), m.latencies(), m.wallNanos(), m.capped(), m.failure(),
                capacity, m.sockets());
    }

    /**
     * {@code count} calls made by {@code threads} threads, each taking the next call until none is left; the latency of
     * each is System.nanoTime around it. A wrong answer stops the phase (its numbers are worthless); in a warm-up it
     * stops the benchmark.
     */
    private Measured phase(String name, int threads, int count, IntFunction<Call> calls, boolean warmUp)
            throws InterruptedException {
        AtomicInteger tickets = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        long[][] perThread = new long[threads][];
        int[] done = new int[threads];
        long capNanos = PHASE_CAP.toNanos();
        long[] startedAt = new long[1];
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Call call = calls.apply(index);
            perThread[index] = new long[count];
            clients.add(Thread.ofPlatform().name("load-client-" + index).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long[] mine = perThread[index];
                while (failure.get() == null && System.nanoTime() - startedAt[0] < capNanos
                        && tickets.getAndIncrement() < count) {
                    long start = System.nanoTime();
                    String wrong;
                    try {
                        wrong = call.call();
                    } catch (Exception e) {
                        wrong = e.toString();
                    }
                    long elapsed = System.nanoTime() - start;
                    if (wrong != null) {
                        failure.compareAndSet(null, wrong);
                        return;
                    }
                    mine[done[index]++] = elapsed;
                }
            }));
        }
        startedAt[0] = System.nanoTime();
        go.countDown();
        for (Thread client : clients) {
            client.join(capNanos / 1_000_000 + 60_000);
        }
        long wall = System.nanoTime() - startedAt[0];
        long[] all = new long[Arrays.stream(done).sum()];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread[t], 0, all, at, done[t]);
            at += done[t];
        }
        Arrays.sort(all);
        String wrong = failure.get();
        if (wrong != null) {
            if (warmUp) {
                throw new BenchmarkFailure("warm-up of a phase got a wrong answer: " + wrong);
            }
            failures.add(name + ": " + wrong);
        }
        return new Measured(name, threads, count, all, wall, wrong == null && all.length < count, wrong, null,
                warmUp ? "" : sockets());
    }

    /**
     * Waits until the metering queue is empty (every message deleted, i.e. processed) and every usage counter counts
     * every successful metered call made so far.
     */
    private void awaitMetering() throws InterruptedException {
        long deadline = System.nanoTime() + METERING_CAP.toNanos();
        while (true) {
            List<String> behind = new ArrayList<>();
            if (queueDepth("MeteringQueue") == 0) {
                for (var e : metered.entrySet()) {
                    String[] agentAndType = e.getKey().split(" ");
                    long made = e.getValue().sum();
                    long counted = usageCount(Long.parseLong(agentAndType[0]), agentAndType[1]);
                    if (counted < made) {
                        behind.add("agent " + agentAndType[0] + " " + agentAndType[1] + ": " + counted + " of " + made);
                    } else if (counted > made) {
                        throw new BenchmarkFailure("usage counter of agent " + agentAndType[0] + " " + agentAndType[1]
                                + " counts " + counted + " calls, more than the " + made + " made");
                    }
                }
                if (behind.isEmpty()) {
                    return;
                }
            } else {
                behind.add("messages still in the queue");
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("metering did not catch up within " + METERING_CAP.toSeconds() + " s: "
                        + String.join("; ", behind) + " (" + queueDepth("MeteringQueue") + " in the queue, "
                        + queueDepth("MeteringDeadLetterQueue") + " in the dead-letter queue)");
            }
            Thread.sleep(behind.contains("messages still in the queue") ? 50 : 250);
        }
    }

    /** The monthly usage counter {@code AGENT#id / USAGE#month#type}, read strongly consistent. */
    private long usageCount(long agentId, String type) {
        Map<String, AttributeValue> item = server.stack().dynamo().getItem(g -> g.tableName(EmulatorStack.TABLE_NAME)
                .key(Item.key(Keys.agent(agentId), Keys.usage(month, type)).map()).consistentRead(true)).item();
        return item == null || item.isEmpty() ? 0 : Item.from(item).number("count", 0);
    }

    /**
     * How many of an agent's schedule and ledger-entry ids were minted in the same millisecond: IdGenerator's ids are
     * 41 bits of milliseconds and 12 random bits, so each such pair is the same id with probability 1/4096.
     */
    private String idClustering(long agentId) {
        List<String> parts = new ArrayList<>();
        long allPairs = 0;
        for (String prefix : List.of(Keys.SCHEDULE_PREFIX, Keys.TX_PREFIX)) {
            Map<Long, Integer> perMillisecond = new HashMap<>();
            int ids = 0;
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(EmulatorStack.TABLE_NAME)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.agent(agentId)), ":prefix", Item.attr(prefix)))
                        .projectionExpression("SK");
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse response = server.stack().dynamo().query(query.build());
                for (Map<String, AttributeValue> item : response.items()) {
                    long id = Long.parseLong(item.get("SK").s().substring(prefix.length()));
                    perMillisecond.merge(id >> 12, 1, Integer::sum);
                    ids++;
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            } while (start != null);
            long pairs = perMillisecond.values().stream().mapToLong(k -> (long) k * (k - 1) / 2).sum();
            allPairs += pairs;
            parts.add(String.format("%s %,d ids, %,d pairs", prefix.equals(Keys.TX_PREFIX) ? "ledger entries" : "schedules",
                    ids, pairs));
        }
        return String.join("; ", parts) + String.format(" -> expected id clashes ~%.2f per run like this one", allPairs / 4096.0);
    }

    /** Messages in a queue, visible and in flight (ElasticMQ's figures are exact). */
    private long queueDepth(String queueLogicalId) {
        String url = server.queues().urls().get(queueLogicalId);
        var attributes = server.queues().client().getQueueAttributes(g -> g.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /**
     * {@code --events} usage events of one agent put on the MeteringQueue by 4 senders (SendMessageBatch of 10), timed
     * from the first send until the metering function has counted the last one.
     */
    private Metering metering(Agent agent) throws InterruptedException {
        awaitMetering();
        CapacityMeter.SHARED.reset();
        SqsClient sqs = server.queues().client();
        String url = server.queues().urls().get("MeteringQueue");
        int batches = (options.events() + 9) / 10;
        AtomicInteger nextBatch = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        long sent;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                futures.add(senders.submit(() -> {
                    for (int b; (b = nextBatch.getAndIncrement()) < batches; ) {
                        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                        for (int i = b * 10; i < Math.min(options.events(), b * 10 + 10); i++) {
                            UsageEvent event = new UsageEvent(METERING_TYPE, agent.id(), month, BigDecimal.ZERO,
                                    "bench-" + startedAt + "-" + i, System.currentTimeMillis());
                            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                                    .messageBody(Json.write(event.toJson())).build());
                        }
                        SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
                        if (!response.failed().isEmpty()) {
                            throw new BenchmarkFailure("SendMessageBatch failed: " + response.failed());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new BenchmarkFailure("sending usage events failed: " + e.getCause(), e.getCause());
                }
            }
            sent = System.nanoTime() - start;
        } finally {
            senders.shutdownNow();
        }
        long deadline = start + METERING_CAP.toNanos();
        long counted;
        while ((counted = usageCount(agent.id(), METERING_TYPE)) < options.events() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long total = System.nanoTime() - start;
        String failure = null;
        if (counted != options.events()) {
            failure = "metering: " + counted + " of " + options.events() + " events counted after "
                    + METERING_CAP.toSeconds() + " s (" + queueDepth("MeteringQueue") + " in the queue, "
                    + queueDepth("MeteringDeadLetterQueue") + " in the dead-letter queue)";
            failures.add(failure);
        }
        return new Metering(options.events(), sent, total, CapacityMeter.SHARED.totals(), counted, failure);
    }

    // ------------------------------------------------------------------ report

    private void report(String[] args, List<Measured> results, Measured billable, Measured me, Metering metering,
                        String loadBefore) throws IOException {
        line("");
        line("LOAD: the local runner (LocalServer, in this JVM) under " + options.clients() + " concurrent clients");
        line(String.format("date:     %s", Instant.ofEpochMilli(startedAt)));
        line(String.format("machine:  %s; load average before %s, after %s", Machine.describe(" (nproc)"), loadBefore,
                Machine.loadAverage()));
        line(String.format("java:     %s %s (%s), %s; max heap %,d MB; flags %s", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
                System.getProperty("java.home"), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                ManagementFactory.getRuntimeMXBean().getInputArguments()));
        line(String.format("emulator: dynoxide %s (DynamoDB, own process), ElasticMQ (SQS, in this JVM)", dynoxideVersion()));
        line(String.format("run:      %d clients, %,d requests per phase (%,d shared wallet), cap %d s per phase; %,d metering events",
                options.clients(), options.requests(), options.sharedRequests(), PHASE_CAP.toSeconds(), options.events()));
        line(String.format("warm-up:  %,d GetItems before each floor; then %d rounds of %,d billable calls + %,d GET /me, all discarded",
                options.warmup(), options.warmupRounds(), options.warmup(), options.warmup()));
        line("          (req/s billable / GET /me per round: " + String.join(", ", warmupRates) + ")");
        line("");
        line(String.format("%-54s %7s %6s %9s %8s %8s %8s %8s %8s", "phase", "clients", "n", "req/s", "p50 ms",
                "p90 ms", "p99 ms", "mean ms", "max ms"));
        for (Measured m : results) {
            line(String.format("%-54s %7d %6d %9.1f %8.2f %8.2f %8.2f %8.2f %8.2f%s", m.name(), m.clients(),
                    m.completed(), m.perSecond(), m.percentileMillis(50), m.percentileMillis(90),
                    m.percentileMillis(99), m.meanMillis(), m.completed() == 0 ? Double.NaN : m.latencies()[m.completed() - 1] / 1e6,
                    m.failure() != null ? "   FAILED: " + m.failure()
                            : m.capped() ? "   CAPPED at " + PHASE_CAP.toSeconds() + " s" : ""));
        }
        Measured floor1 = results.get(0);
        Measured floorN = results.get(1);
        line("");
        line(String.format("p50 over the floor (GetItem, %d threads, p50 %.2f ms): billable %.1fx, GET /me %.1fx",
                options.clients(), floorN.percentileMillis(50), billable.percentileMillis(50) / floorN.percentileMillis(50),
                me.percentileMillis(50) / floorN.percentileMillis(50)));
        line("latency: System.nanoTime around HttpClient.send (one shared java.net.http client, HTTP/1.1, keep-alive),");
        line("         percentiles nearest-rank; req/s = completed requests / wall time of the phase.");
        line("");

        line("DynamoDB capacity, as DynamoDB reports it (ReturnConsumedCapacity=TOTAL on every call of every function's");
        line("table client, summed by CapacityMeter); per call of the phase, including its authorizer (2 consistent");
        line("GetItems) and its asynchronous metering (one TransactWriteItems of 2 items), which run in this JVM:");
        double meteringUnits = metering.capacity().capacityUnits() / Math.max(1, metering.counted());
        double meteringCalls = (double) metering.capacity().calls() / Math.max(1, metering.counted());
        line(String.format("  %-54s %12s %12s %12s %12s", "", "units/call", "DDB calls", "units w/o", "calls w/o"));
        line(String.format("  %-54s %12s %12s %12s %12s", "", "", "per call", "metering", "metering"));
        for (Measured m : results) {
            if (m.capacity() == null) {
                continue;
            }
            double units = m.capacity().capacityUnits() / Math.max(1, m.completed());
            double calls = (double) m.capacity().calls() / Math.max(1, m.completed());
            line(String.format("  %-54s %12.3f %12.3f %12.3f %12.3f", m.name(), units, calls, units - meteringUnits,
                    calls - meteringCalls));
        }
        line(String.format("  %-54s %12.3f %12.3f   (measured in the metering phase below)", "metering of one usage event",
                meteringUnits, meteringCalls));
        line("  (\"w/o metering\" subtracts the metering phase's per-event figures: the request path, authorizer included.)");
        line("  (Failed calls, e.g. a conditional write that loses, report no capacity here: the SDK throws.)");
        if (billable.capacity() != null && billable.capacity().calls() > 0 && billable.capacity().capacityUnits() == 0) {
            line("  NOTE: the emulator reported no consumed capacity at all: the units above are not DynamoDB's.");
        }
        line("");

        double rate = metering.counted() / (metering.totalNanos() / 1e9);
        line(String.format("metering: %,d usage events (one agent, unique request ids) put on the MeteringQueue by 4 threads",
                metering.events()));
        line(String.format("          with SendMessageBatch (10 each) in %.2f s (%,.0f events/s sent); counted in the table",
                metering.sendNanos() / 1e9, metering.events() / (metering.sendNanos() / 1e9)));
        line(String.format("          %,d of them %.2f s after the first send: %,.1f events/s from the queue to the table%s",
                metering.counted(), metering.totalNanos() / 1e9, rate, metering.failure() == null ? "" : "   FAILED"));
        line("          (one poller, as the runner's event source mapping: ReceiveMessage of up to BatchSize 10 from");
        line("          template.yaml, long poll 1 s, the function's batch, DeleteMessageBatch; then the next batch)");
        line(String.format("queues at the end: MeteringQueue %d messages, MeteringDeadLetterQueue %d messages",
                queueDepth("MeteringQueue"), queueDepth("MeteringDeadLetterQueue")));
        line("");

        line("TCP sockets to dynoxide right after each phase (client side; TIME_WAIT = connections closed within ~60 s):");
        for (Measured m : results) {
            line(String.format("  %-54s %s", m.name(), m.sockets()));
        }
        if (sharedIds != null) {
            line("ids of the shared-wallet agent minted in the same millisecond (IdGenerator: 41 bits of ms + 12 random bits;");
            line("a pair in one millisecond is one id with probability 1/4096, and the write then fails its condition):");
            line("  " + sharedIds);
        }
        line("");
        line("""
                what inflates these numbers (read them as relative, not as what AWS would do):
                  - 2 shared cores: the clients, the runner (every function of the template in one JVM, each request on
                    a virtual thread), ElasticMQ and the metering poller share this JVM; dynoxide, aws-ses-v2-local and
                    anvil run beside it on the same cores, and other work on the machine competes too (see load average).
                  - one function instance serves all concurrent requests (on Lambda: one request per instance at a time),
                    so its SDK clients share one JVM-wide keep-alive cache of HttpURLConnection (http.maxConnections,
                    default 5 idle connections per host), and connections beyond it are closed and reopened.
                  - the metering of the calls (SQS poller and its DynamoDB transactions) runs during the phases, on the
                    same cores; each call also sends its usage event to SQS before it answers.
                  - dynoxide is not DynamoDB: no network, no partitions, no throttling, its own locking.""");
        line("command:  " + Path.of(System.getProperty("java.home"), "bin", "java") + " -cp \"bench/target/classes:$(cat bench/target/classpath.txt)\" "
                + LoadBenchmark.class.getName() + (args.length == 0 ? "" : " " + String.join(" ", args)));
        line("          (after: mvn -B -q -o -pl bench install; emulator logs in bench/target/load-emulators)");
    }

    private static void line(String text) {
        System.out.println(text);
    }

    // ------------------------------------------------------------------ helpers

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.parse(body);
        } catch (JsonProcessingException e) {
            throw new BenchmarkFailure("response body is not JSON: " + abbreviate(body), e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Client-side sockets to the dynoxide port, by TCP state, from /proc/net/tcp{,6}. */
    private String sockets() {
        int port = URI.create(server.stack().endpoints().dynamodb()).getPort();
        String hexPort = String.format(":%04X", port);
        int established = 0;
        int timeWait = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(file))) {
                for (String line : lines.skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[2].endsWith(hexPort)) {
                        if (f[3].equals("01")) {
                            established++;
                        } else if (f[3].equals("06")) {
                            timeWait++;
                        }
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                return "unknown (" + e + ")";
            }
        }
        return established + " ESTABLISHED, " + timeWait + " TIME_WAIT";
    }

    private static String dynoxideVersion() {
        Path pkg = LocalServer.repoRoot().resolve("tools/emulators/node_modules/@dynoxide/linux-x64/package.json");
        try {
            return Json.parse(Files.readString(pkg)).path("version").asText("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Options options(String[] args) {
        Map<String, Integer> values = new LinkedHashMap<>();
        values.put("--clients", DEFAULT_CLIENTS);
        values.put("--requests", DEFAULT_REQUESTS);
        values.put("--warmup", DEFAULT_WARMUP);
        values.put("--warmup-rounds", DEFAULT_WARMUP_ROUNDS);
        values.put("--events", DEFAULT_EVENTS);
        values.put("--shared-requests", -1);
        for (int i = 0; i < args.length; i += 2) {
            if (!values.containsKey(args[i]) || i + 1 >= args.length || !args[i + 1].matches("\\d{1,7}")) {
                throw new BenchmarkFailure("usage: LoadBenchmark " + values.keySet().stream()
                        .map(k -> "[" + k + " N]").collect(Collectors.joining(" "))
                        + "   (defaults: 16 clients, 2000 requests, 500 warm-up requests per kind and round, 3 rounds, 5000 events, shared = requests; 0 skips it)");
            }
            values.put(args[i], Integer.parseInt(args[i + 1]));
        }
        int clients = values.get("--clients");
        int requests = values.get("--requests");
        if (clients < 1 || requests < 1 || values.get("--events") < 1) {
            throw new BenchmarkFailure("--clients, --requests and --events must be at least 1");
        }
        int shared = values.get("--shared-requests") < 0 ? requests : values.get("--shared-requests");
        return new Options(clients, requests, values.get("--warmup"), values.get("--warmup-rounds"), values.get("--events"), shared);
    }
}
