package com.ceki.bench;

import com.ceki.agents.AgentRepository;
import com.ceki.auth.UserTokens;
import com.ceki.billing.Ledger;
import com.ceki.billing.LedgerEntry;
import com.ceki.billing.UsageRepository;
import com.ceki.billing.WalletRepository;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.core.time.Months;
import com.ceki.local.LocalServer;
import com.ceki.local.faults.Fault;
import com.ceki.local.faults.FaultProxy;
import com.ceki.local.faults.FaultyBackend;
import com.ceki.local.runner.LocalApi;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.storage.Table;
import com.ceki.users.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./dev bench soak [--minutes N] [--clients N] [--seed N]}: mixed agent and people traffic through the local
 * runner (loopback only, bounded by {@code --minutes}, default 10) while the fault proxies fail calls the way the real
 * services do: 5% of DynamoDB calls all along (throttled, 500, transactions cancelled by conflicts), SQS answering 503
 * for 30 s, the Ethereum node 2 s slower per call for 30 s. Each client is an agent with a funded USDT wallet and a
 * person: it creates schedules (billed, 1.00 USD), reads its wallet and profile (metered, free), creates and lists
 * contracts.
 *
 * <p>Then the faults are lifted, the usage sweeper runs, and the run is audited: every answer was its route's success
 * or a 503 with {@code Retry-After} (anything else fails the run), no 5xx other than those 503s, every wallet's
 * balance equals the sum of its entries and what was charged equals the schedules created, and the usage counters
 * equal the successful metered calls exactly. The last line is
 * {@code soak: <requests> requests, <n> 5xx, ledger audit <ok|failed>, usage <ok|failed>}, so runs can be compared.
 */
public final class SoakBenchmark {

    private static final BigDecimal FUNDING_USDT = new BigDecimal("1000000");
    private static final BigDecimal SCHEDULE_USD = new BigDecimal("1.00");
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration SLOW_NODE_DELAY = Duration.ofSeconds(2);
    private static final Duration USAGE_CAP = Duration.ofSeconds(180);

    private record Options(double minutes, int clients, long seed) {}

    /** One client's identities. */
    private record Client(long agentId, String apiKey, long kalId, String userJwt) {}

    private final Options options;
    private final LocalServer server;
    private final FaultyBackend faults;
    private final Table table;
    private final ApiClient api;
    private final String month;
    /** Successful metered calls: "agentId type" -> count. */
    private final Map<String, LongAdder> metered = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();

    private SoakBenchmark(Options options, LocalServer server, FaultyBackend faults) {
        this.options = options;
        this.server = server;
        this.faults = faults;
        this.table = new Table(EmulatorStack.TABLE_NAME, server.stack().dynamo());
        this.api = new ApiClient(server.baseUrl());
        this.month = Months.current(Clocks.adjustable()).toString();
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            Options options = options(args);
            Path repoRoot = LocalServer.repoRoot();
            System.err.println("Starting the local emulators behind fault proxies, and the runner...");
            FaultyBackend faults = new FaultyBackend(EmulatorStack.start(repoRoot, repoRoot.resolve("bench/target/soak-emulators")));
            // Scheduled functions on (the scanner, the sweepers, the rate feed), as on AWS.
            try (LocalServer server = LocalServer.start(repoRoot, 0, faults, true)) {
                status = new SoakBenchmark(options, server, faults).run(args) ? 0 : 1;
            }
        } catch (BenchmarkFailure e) {
            System.err.println("\nSOAK BENCHMARK FAILED: " + e.getMessage());
        } catch (Exception | Error e) {
            System.err.println("\nSOAK BENCHMARK FAILED:");
            e.printStackTrace();
        }
        System.exit(status); // the emulators' and SDK clients' threads must not keep this JVM alive
    }

    private static Options options(String[] args) {
        double minutes = 10;
        int clients = 6;
        long seed = 19;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw usage();
            }
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw usage();
            }
        }
        if (!(minutes > 0 && minutes <= 120) || clients < 1 || clients > 64) {
            throw usage();
        }
        return new Options(minutes, clients, seed);
    }

    private static BenchmarkFailure usage() {
        return new BenchmarkFailure("usage: SoakBenchmark [--minutes N (0-120, default 10)] [--clients N (1-64, default 6)]"
                + " [--seed N]");
    }

    private boolean run(String[] args) throws Exception {
        String loadBefore = Machine.loadAverage();
        List<Client> clients = new ArrayList<>();
        UserTokens tokens = UserTokens.issuer(server.environment().get("JWT_SIGNING_KEY"), server.environment().get("JWT_ISSUER"),
                server.environment().get("JWT_AUDIENCE"), Duration.ofHours(3), Clock.systemUTC());
        for (int i = 0; i < options.clients(); i++) {
            clients.add(client(i, tokens));
        }
        Duration length = Duration.ofMillis((long) (options.minutes() * 60_000));
        System.err.printf("Soaking for %s with %d clients (seed %d)...%n", length, options.clients(), options.seed());
        List<Fault> dynamo = List.of(
                faults.dynamodb().inject(Fault.on().share(0.02, options.seed()).dynamoError("ProvisionedThroughputExceededException",
                        "The level of configured provisioned throughput for the table was exceeded.")),
                faults.dynamodb().inject(Fault.on().share(0.015, options.seed() + 1).status(500)),
                faults.dynamodb().inject(Fault.on("TransactWriteItems").share(0.05, options.seed() + 2).transactionConflict()));
        long started = System.nanoTime();
        long end = started + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients() + 1);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Client client = clients.get(i);
            Random random = new Random(options.seed() * 1_000 + i);
            running.add(pool.submit(() -> traffic(client, random, end)));
        }
        Map<String, Integer> outages = outages(length, started);
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdownNow();
        double seconds = (System.nanoTime() - started) / 1e9;
        faults.clear();
        int dynamoFaults = dynamo.stream().mapToInt(Fault::injected).sum();

        System.err.println("Faults lifted; sweeping the usage outbox and waiting for the metering queue...");
        boolean usageOk = awaitUsage(clients);
        boolean ledgerOk = auditLedger(clients);
        report(args, seconds, dynamoFaults, outages, loadBefore);
        wrong.stream().limit(20).forEach(w -> System.out.println("  wrong answer: " + w));
        boolean ok = wrong.isEmpty() && serverErrors.get() == 0 && ledgerOk && usageOk;
        System.out.printf("soak: %d requests, %d 5xx, ledger audit %s, usage %s%n", requests.get(), serverErrors.get(),
                ledgerOk ? "ok" : "failed", usageOk ? "ok" : "failed");
        return ok;
    }

    /** SQS down for 30 s at a quarter of the run, the chain node slow for 30 s at half; the faults each injected. */
    private Map<String, Integer> outages(Duration length, long started) throws InterruptedException {
        Duration outage = length.dividedBy(3).compareTo(OUTAGE) < 0 ? length.dividedBy(3) : OUTAGE;
        Map<String, Integer> injected = new LinkedHashMap<>();
        sleepUntil(started + length.toNanos() / 4);
        injected.put("SQS 503 for " + outage.toSeconds() + " s", window(faults.sqs(), Fault.on().status(503), outage));
        sleepUntil(started + length.toNanos() / 2);
        injected.put("Ethereum node +" + SLOW_NODE_DELAY.toSeconds() + " s a call for " + outage.toSeconds() + " s",
                window(faults.ethereum(), Fault.on().delay(SLOW_NODE_DELAY), outage));
        return injected;
    }

    private static int window(FaultProxy proxy, Fault fault, Duration outage) throws InterruptedException {
        proxy.inject(fault);
        Thread.sleep(outage);
        proxy.remove(fault);
        return fault.injected();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /** One client's closed loop until {@code end}: 30% schedules, 25% wallet, 15% profile, 15% contracts, 15% listing. */
    private void traffic(Client c, Random random, long end) {
        while (System.nanoTime() < end) {
            int dice = random.nextInt(100);
            try {
                if (dice < 30) {
                    ObjectNode body = Json.object().put("kal_id", c.kalId()).put("start", "2026-04-21T09:00:00Z");
                    body.putObject("settings").put("price", 10).put("duration", 60);
                    call(c, "schedule_create", "POST", "/api/agent/schedules", c.apiKey(), body, 201);
                } else if (dice < 55) {
                    call(c, "wallet_read", "GET", "/api/agent/wallet", c.apiKey(), null, 200);
                } else if (dice < 70) {
                    call(c, "profile_read", "GET", "/api/agent/me", c.apiKey(), null, 200);
                } else if (dice < 85) {
                    ObjectNode body = Json.object().put("label", "Soak " + UUID.randomUUID().toString().substring(0, 8))
                            .put("currency", "USD").put("timezone", "Europe/Berlin");
                    call(c, null, "POST", "/api/contracts", c.userJwt(), body, 201);
                } else {
                    call(c, null, "GET", "/api/contracts", c.userJwt(), null, 200);
                }
            } catch (Exception e) {
                wrong.add(e.toString());
            }
        }
    }

    private void call(Client c, String usageType, String method, String path, String bearer, JsonNode body, int expected)
            throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> response = api.send(method, path, bearer, body);
        latencies.add(System.nanoTime() - t0);
        requests.incrementAndGet();
        int status = response.statusCode();
        if (status == expected) {
            if (usageType != null) {
                metered.computeIfAbsent(c.agentId() + " " + usageType, k -> new LongAdder()).increment();
            }
        } else if (status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
            unavailable.incrementAndGet(); // the answer a client retries: nothing was done
        } else {
            if (status >= 500) {
                serverErrors.incrementAndGet();
            }
            wrong.add(method + " " + ApiClient.status(response, expected));
        }
    }

    /** Sweeps the outbox (the clock moved past the sweeper's age) until the counters match the calls, within a cap. */
    private boolean awaitUsage(List<Client> clients) throws InterruptedException {
        Clocks.adjustable().advance(Duration.ofMinutes(3)); // past USAGE_SWEEP_AFTER_SECONDS: every event is the sweeper's
        UsageRepository usage = new UsageRepository(table);
        long deadline = System.nanoTime() + USAGE_CAP.toNanos();
        String mismatch = null;
        while (System.nanoTime() < deadline) {
            server.api().invoke("UsageSweepFunction", LocalApi.scheduledEvent());
            mismatch = usageMismatch(clients, usage);
            if (mismatch == null) {
                return true;
            }
            Thread.sleep(1_000);
        }
        System.out.println("usage mismatch: " + mismatch);
        return false;
    }

    private String usageMismatch(List<Client> clients, UsageRepository usage) {
        for (Client c : clients) {
            Map<String, Long> counted = new HashMap<>();
            usage.month(c.agentId(), month).forEach(u -> counted.put(u.type(), u.count()));
            for (String type : List.of("schedule_create", "wallet_read", "profile_read")) {
                long calls = metered.getOrDefault(c.agentId() + " " + type, new LongAdder()).sum();
                if (counted.getOrDefault(type, 0L) != calls) {
                    return "agent " + c.agentId() + " " + type + ": " + calls + " calls, " + counted.getOrDefault(type, 0L) + " counted";
                }
            }
        }
        return null;
    }

    /** Every balance equals the sum of its entries, and the net charge equals the schedules created, at 1.00 each. */
    private boolean auditLedger(List<Client> clients) {
        Ledger ledger = new Ledger(table, new IdGenerator(Clock.systemUTC()), Clock.systemUTC());
        WalletRepository wallets = new WalletRepository(table);
        boolean ok = true;
        for (Client c : clients) {
            List<LedgerEntry> entries = ledger.all(c.agentId());
            BigDecimal sum = entries.stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal balance = wallets.wallets(c.agentId()).stream().filter(w -> w.currency() == Currency.USDT)
                    .findFirst().orElseThrow().balance();
            BigDecimal charged = entries.stream().filter(e -> e.type() != LedgerEntry.Type.DEPOSIT)
                    .map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add).negate();
            long created = metered.getOrDefault(c.agentId() + " schedule_create", new LongAdder()).sum();
            BigDecimal expected = SCHEDULE_USD.multiply(BigDecimal.valueOf(created));
            if (sum.compareTo(balance) != 0 || balance.signum() < 0 || charged.compareTo(expected) != 0) {
                System.out.printf("ledger audit: agent %d balance %s, entries sum %s, charged %s for %d schedules%n",
                        c.agentId(), balance.toPlainString(), sum.toPlainString(), charged.toPlainString(), created);
                ok = false;
            }
        }
        return ok;
    }

    private void report(String[] args, double seconds, int dynamoFaults, Map<String, Integer> outages, String loadBefore) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println();
        System.out.println("SOAK: mixed agent and people traffic through the local runner under injected faults");
        System.out.printf("machine:  %s; load average before %s, after %s%n", Machine.describe(" (nproc)"), loadBefore,
                Machine.loadAverage());
        System.out.printf("command:  ./dev bench soak %s%n", String.join(" ", args));
        System.out.printf("run:      %.0f s, %d clients, seed %d%n", seconds, options.clients(), options.seed());
        System.out.printf("faults:   DynamoDB %d calls failed (2%% throttled, 1.5%% 500, 5%% of transactions in conflict)%n",
                dynamoFaults);
        outages.forEach((what, count) -> System.out.printf("          %s: %d calls%n", what, count));
        System.out.printf("answers:  %,d requests, %.1f/s; %,d were 503 with Retry-After (nothing done); %d wrong%n",
                requests.get(), requests.get() / seconds, unavailable.get(), wrong.size());
        System.out.printf("latency:  p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", percentile(sorted, 50), percentile(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** An agent registered through the API, activated and funded; a person with a token. */
    private Client client(int index, UserTokens tokens) throws Exception {
        String email = "soak-" + System.currentTimeMillis() + "-" + index + "@example.com";
        HttpRequest register = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/agent/register"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.object().put("name", "Soak " + index)
                        .put("email", email)))).build();
        JsonNode agent = ApiClient.body(api.send(register), 201);
        long agentId = agent.path("agent_id").asLong();
        if (!new AgentRepository(table).activate(agentId, Instant.now())) {
            throw new BenchmarkFailure("could not activate agent " + agentId);
        }
        new Ledger(table, new IdGenerator(Clock.systemUTC()), Clock.systemUTC()).credit(agentId, Currency.USDT,
                FUNDING_USDT, LedgerEntry.Type.DEPOSIT, "soak:" + UUID.randomUUID(), "soak funding");
        long userId = System.currentTimeMillis() * 1000 + index;
        new UserRepository(table).create(userId, "soak-person-" + userId + "@example.com", "Soak person " + index, null, null,
                false, Instant.now());
        return new Client(agentId, agent.path("api_key").asText(), agent.path("kal_id").asLong(), tokens.issue(userId).token());
    }
}
