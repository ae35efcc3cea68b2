package com.ceki.bench;

import com.ceki.agents.AgentRepository;
import com.ceki.billing.Ledger;
import com.ceki.billing.LedgerEntry;
import com.ceki.billing.StoredUsdRates;
import com.ceki.calendars.Kal;
import com.ceki.calendars.KalRepository;
import com.ceki.calendars.KalRules;
import com.ceki.calendars.Kals;
import com.ceki.calendars.feed.KalFeeds;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.Currency;
import com.ceki.core.usage.UsageEvent;
import com.ceki.events.Attendance;
import com.ceki.events.Event;
import com.ceki.events.EventRepository;
import com.ceki.local.LocalServer;
import com.ceki.local.runner.LocalEnvironment;
import com.ceki.local.runner.LocalQueues;
import com.ceki.local.stack.ChildProcesses;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.local.template.SamTemplate.FunctionDef;
import com.ceki.local.template.SamTemplate;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import com.ceki.users.UserRepository;
import com.ceki.webhooks.WebhookEvent;
import com.ceki.webhooks.WebhookEventType;
import com.ceki.webhooks.WebhookOutbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * {@code ./dev bench [--runs N] [--only A,B] [--classes]}: the cold start of every function in {@code template.yaml},
 * beside the floor.
 *
 * <p>A cold start is a fresh JVM with only the function's deployment artifact (its {@code CodeUri} jar) and the tiny
 * probe (bench/src/probe) on the classpath, timed from process start to the response of its first real request
 * against the local emulators. The floor is the same for a hello handler deployed alone with aws-lambda-java-core
 * (bench/src/hello). Every first request must get the answer a working function gives, or the benchmark fails:
 * the time of a broken request is worthless, and a request that works from the shaded jar proves that the shade
 * minimizer kept every class the function needs.
 *
 * <p>Targets (a report, not a gate: exit 0 on a miss, non-zero only on errors): the authorizer within 2x the floor,
 * every function's artifact under 15 MB.
 */
public final class ColdStartBenchmark {

    /**
     * The flags the java25 managed runtime gives a function without SnapStart (compilation stopped at C1), for the
     * fresh figures. With SnapStart it keeps the JVM's defaults (full tiered compilation, during priming rather than
     * on the invocation path), so the primed runs pass no flags; template.yaml sets none.
     */
    private static final List<String> FRESH_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    private static final String PROBE = "com.ceki.bench.probe.Probe";
    private static final String HELLO_HANDLER = "com.ceki.bench.hello.HelloHandler";
    private static final int DEFAULT_RUNS = 7;
    private static final int MIN_RUNS = 5;
    /** "Under 15 MB" read as decimal megabytes, the stricter reading (15 MiB would allow 15,728,640 bytes). */
    private static final long SIZE_LIMIT_BYTES = 15_000_000L;
    private static final double AUTHORIZER_MAX_RATIO = 2.0;
    /** Issue 15: the MCP server's cold start against agent-search's, whose first request its tool call repeats. */
    private static final double MCP_MAX_RATIO = 1.2;
    /** Issue 18: repeats of the first request in a primed JVM, whose median is the warm figure. */
    private static final int WARM_REPEATS = 20;
    /** Issue 18: the first request after priming within this much of the warm median. */
    private static final double PRIMED_MAX_RATIO = 1.5;
    /** Below this difference a ratio measures the timer, not the function (a warm call of 0.02 ms). */
    private static final double PRIMED_SLACK_MS = 1.0;
    /** Issue 18: the authorizer's fresh cold start, in ms. */
    private static final double AUTHORIZER_MAX_MS = 300;

    private static final Pattern ETHEREUM_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern BITCOIN_ADDRESS = Pattern.compile("(bc|tb|bcrt)1[02-9ac-hj-np-z]{20,}");
    /** What the probe prints of an HTTP response (bench/src/probe: HttpApiEvents.describe). */
    private static final Pattern HTTP_OUTCOME = Pattern.compile("status=(\\d+) type=(.*?) body=(.*)");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One measured artifact: its handler, how its first request is made and what it must answer. */
    private record Subject(String name, Path artifact, String handlerClass, String kind, String firstRequest,
                           Supplier<Map<String, String>> options, Consumer<String> check) {}

    /**
     * The agent the authorizer and directory requests use (registered through the API, then activated); the person
     * the user functions act for, with an event in one of their kals and that kal's feed token.
     */
    private record Seed(long agentId, String apiKey, long userId, long eventId, String feedToken) {}

    private final SamTemplate template;
    private final Path repoRoot;
    private final Path probeJar;
    private final Map<String, String> environment;
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final long startedAt = System.currentTimeMillis();
    private final Map<String, List<String>> lastCommand = new LinkedHashMap<>();
    private final Map<String, List<String>> lastPrimedCommand = new LinkedHashMap<>();
    private int registrations;
    /** The emulators' table, for first requests that need a fresh item each run (set with the seed). */
    private Table table;

    private ColdStartBenchmark(SamTemplate template, Path repoRoot, Path probeJar, Map<String, String> environment) {
        this.template = template;
        this.repoRoot = repoRoot;
        this.probeJar = probeJar;
        this.environment = environment;
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            run(args);
            status = 0;
        } catch (BenchmarkFailure e) {
            System.err.println("\nCOLD-START BENCHMARK FAILED: " + e.getMessage());
        } catch (Exception | Error e) {
            System.err.println("\nCOLD-START BENCHMARK FAILED:");
            e.printStackTrace();
        }
        System.exit(status); // the emulators' client threads must not keep this JVM alive
    }

    /**
     * {@code --runs N} fresh (and primed) JVMs per function; {@code --only A,B} those functions only (and the floor);
     * {@code --classes}: instead of timing, one fresh run each with {@code -Xlog:class+load}, summarised.
     */
    private record Options(int runs, Set<String> only, boolean classes) {
        static final String USAGE = "usage: ColdStartBenchmark [--runs N] [--only Function,...] [--classes]   (default "
                + DEFAULT_RUNS + " runs)";

        static Options parse(String[] args) {
            int runs = DEFAULT_RUNS;
            Set<String> only = Set.of();
            boolean classes = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> {
                        if (i + 1 >= args.length || !args[i + 1].matches("[1-9]\\d{0,3}")) {
                            throw new BenchmarkFailure(USAGE);
                        }
                        runs = Integer.parseInt(args[++i]);
                    }
                    case "--only" -> {
                        if (i + 1 >= args.length || args[i + 1].isBlank()) {
                            throw new BenchmarkFailure(USAGE);
                        }
                        only = Set.of(args[++i].split(","));
                    }
                    case "--classes" -> classes = true;
                    default -> throw new BenchmarkFailure(USAGE);
                }
            }
            return new Options(runs, only, classes);
        }
    }

    private static void run(String[] args) throws Exception {
        Options options = Options.parse(args);
        int runs = options.runs();
        Path repoRoot = LocalServer.repoRoot();
        SamTemplate template = SamTemplate.load(repoRoot.resolve("template.yaml"));
        Path target = repoRoot.resolve("bench/target");
        Path probeJar = benchJar(target, "probe");
        Path helloJar = benchJar(target, "hello");
        // Missing and stale artifacts are reported before anything is started.
        for (FunctionDef f : template.functions()) {
            warnIfStale(existing(artifact(repoRoot, template, f)), repoRoot);
        }

        System.err.println("Starting the local emulators...");
        try (EmulatorStack stack = EmulatorStack.start(repoRoot, repoRoot.resolve(".local/bench"), template)) {
            LocalQueues queues = LocalQueues.create(template, stack.endpoints().sqs());
            LocalServer.createBuckets(template, stack.endpoints().s3());
            StoredUsdRates.store(new Table(EmulatorStack.TABLE_NAME, stack.dynamo()),
                    new BigDecimal("100000"), new BigDecimal("4000"), Instant.now());
            var bench = new ColdStartBenchmark(template, repoRoot, probeJar,
                    LocalEnvironment.resolve(template, stack.endpoints(), queues.urls(), LocalServer.userTokenKeys()));
            Seed seed = bench.seed(stack);
            List<Subject> subjects = bench.subjects(helloJar, seed, options.only());
            if (options.classes()) {
                bench.reportClassLoading(subjects.subList(1, subjects.size()));
                return;
            }
            Map<String, List<ChildJvm.Result>> results = bench.measure(subjects, runs, false);
            Map<String, List<ChildJvm.Result>> primed = bench.measure(subjects, runs, true);
            bench.report(subjects, results, runs, args);
            bench.reportPrimed(subjects, results, primed);
        }
    }

    // ------------------------------------------------------------------ what is measured

    /** The floor first, then every function of the template (or those in {@code only}, when given). */
    private List<Subject> subjects(Path helloJar, Seed seed, Set<String> only) {
        List<Subject> subjects = new ArrayList<>();
        subjects.add(new Subject("hello (floor)", helloJar, HELLO_HANDLER, "hello", "constant response, no I/O",
                Map::of, outcome -> expect("hello".equals(outcome), "expected \"hello\"", outcome)));
        Set<String> unknown = new LinkedHashSet<>(only);
        for (FunctionDef f : template.functions()) {
            unknown.remove(f.logicalId());
            if (only.isEmpty() || only.contains(f.logicalId())) {
                subjects.add(subject(f, seed));
            }
        }
        if (!unknown.isEmpty()) {
            throw new BenchmarkFailure("--only names no function of template.yaml: " + unknown);
        }
        return subjects;
    }

    /** The first request of each function: a real one, with real reads and writes, that must succeed. */
    private Subject subject(FunctionDef f, Seed seed) {
        Path jar = artifact(repoRoot, template, f);
        return switch (f.logicalId()) {
            case "AuthorizerFunction" -> {
                // GetItem on the key's hash, then on the agent.
                String route = authorizedRoute(f, "GET /api/agent/me");
                yield new Subject(f.logicalId(), jar, f.handlerClass(), "authorizer", route + " (Bearer key)",
                        () -> {
                            Map<String, String> options = request(route, "/api/agent/me");
                            options.put("header.authorization", "Bearer " + seed.apiKey());
                            return options;
                        },
                        outcome -> {
                            Matcher id = Pattern.compile("principal_id=(\\d+)").matcher(outcome);
                            expect(outcome.startsWith("isAuthorized=true ") && outcome.contains("principal_type=agent")
                                    && id.find() && Long.parseLong(id.group(1)) == seed.agentId(),
                                    "expected isAuthorized=true for agent " + seed.agentId(), outcome);
                        });
            }
            // Writes the agent, its key, wallet and code, derives an address, sends the code through SES.
            case "AgentRegistrationFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "http",
                    route(f, "POST /api/agent/register") + " (new email)",
                    () -> registration(null), outcome -> checkRegistration(outcome, ETHEREUM_ADDRESS));
            // Behind the authorizer: a read of the agent's own data, then its usage event to SQS.
            case "AgentAccountFunction" -> agentRead(f, jar, seed, "GET /api/agent/me", "/api/agent/me", "agent");
            case "AgentWalletFunction" -> agentRead(f, jar, seed, "GET /api/agent/wallet", "/api/agent/wallet", "wallets");
            case "AgentSchedulesFunction" -> agentRead(f, jar, seed, "GET /api/agent/schedules", "/api/agent/schedules", "data");
            // One usage event counted: a transaction of the event record and the monthly counter.
            case "MeteringFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "sqs",
                    "SQS batch of 1 usage event",
                    () -> {
                        Map<String, String> options = request("sqs", "sqs");
                        options.put("body", Json.write(new UsageEvent("profile_read", seed.agentId(),
                                YearMonth.now(ZoneOffset.UTC).toString(), BigDecimal.ZERO,
                                options.get("requestId"), System.currentTimeMillis()).toJson()));
                        return options;
                    },
                    outcome -> expect(outcome.equals("failures=0"), "expected failures=0", outcome));
            // One webhook event of the seed agent, written as a debit writes it; the agent has no callback URL, so the
            // attempt reads the event and the agent, records a skipped attempt and finishes the event.
            case "WebhookDeliveryFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "sqs",
                    "SQS batch of 1 webhook event (agent without a callback URL: skipped)",
                    () -> {
                        Map<String, String> options = request("sqs", "sqs");
                        WebhookOutbox outbox = new WebhookOutbox(table, () -> {
                            throw new IllegalStateException("not queued: the benchmark hands the message over itself");
                        }, "unused", new IdGenerator(Clock.systemUTC()), Clock.systemUTC());
                        WebhookEvent event = outbox.event(seed.agentId(), WebhookEventType.WALLET_BALANCE_LOW,
                                Json.object().put("agent_id", seed.agentId()));
                        table.client().transactWriteItems(t -> t.transactItems(outbox.write(event)));
                        options.put("body", Json.write(Json.object().put("agent_id", seed.agentId()).put("webhook_id", event.id())));
                        return options;
                    },
                    outcome -> expect(outcome.equals("failures=0"), "expected failures=0", outcome));
            // A scheduled run: one Query of the usage outbox's GSI1 partition (nothing older than two minutes to queue).
            case "UsageSweepFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "hello",
                    "scheduled run (EventBridge event as a map)", () -> request("schedule", "schedule"),
                    outcome -> expect(outcome.startsWith("queued "), "expected the sweep's count", outcome));
            // A scheduled run: one Query of the outbox's GSI1 partition (nothing older than a minute to queue).
            case "WebhookSweepFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "hello",
                    "scheduled run (EventBridge event as a map)", () -> request("schedule", "schedule"),
                    outcome -> expect(outcome.startsWith("queued "), "expected the sweep's count", outcome));
            // Writes the user and its email guard, an OTP item, and sends the code through SES.
            case "UserAuthFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "http",
                    route(f, "POST /api/register") + " (new email)",
                    () -> {
                        Map<String, String> options = request("POST /api/register", "/api/register");
                        options.put("header.content-type", "application/json");
                        options.put("body", Json.write(Json.object().put("email", "cold-user-" + startedAt + "-"
                                + (++registrations) + "@example.com").put("name", "Cold Start").put("terms", "1")));
                        return options;
                    },
                    outcome -> expect(httpBody(outcome, 201).path("countdown").asInt() == 60, "expected 201 with countdown", outcome));
            // Behind the authorizer (a verified JWT): one GetItem of the caller's own user.
            case "UserAccountFunction" -> {
                String route = route(f, "GET /api/user");
                yield new Subject(f.logicalId(), jar, f.handlerClass(), "http", route + " (authorized user)",
                        () -> asUser(request(route, "/api/user"), seed),
                        outcome -> expect(httpBody(outcome, 200).path("user").path("id").asLong() == seed.userId(),
                                "expected the seed user", outcome));
            }
            // Behind the authorizer: one small image written to S3 and its record to the table, two presigned URLs.
            case "UserFilesFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "http",
                    route(f, "POST /api/files") + " (1 KB image, authorized user)",
                    () -> {
                        Map<String, String> options = asUser(request("POST /api/files", "/api/files"), seed);
                        options.put("header.content-type", "application/json");
                        options.put("body", Json.write(Json.object().put("image", Base64.getEncoder().encodeToString(new byte[1024]))));
                        return options;
                    },
                    outcome -> expect(httpBody(outcome, 201).path(0).has("url"), "expected 201 with a file record", outcome));
            // A scheduled run with no price source configured locally (no network): construction and the event only.
            case "RateFeedFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "hello",
                    "scheduled run (no local price source)", () -> request("schedule", "schedule"),
                    outcome -> expect(outcome.equals("no rate source configured"), "expected the idle answer", outcome));
            // A scheduled run: the chain tip, the cursor, the final blocks since (a fresh anvil: none yet).
            case "DepositScannerFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "hello",
                    "scheduled run (EventBridge event as a map)",
                    () -> request("schedule", "schedule"),
                    outcome -> expect(outcome.startsWith("scanned "), "expected a scan summary", outcome));
            // GetItem on the agent and a Query of its public schedules, then the view event to SQS.
            case "AgentDirectoryFunction" -> {
                String route = route(f, "GET /api/agent/agents/{id}");
                yield new Subject(f.logicalId(), jar, f.handlerClass(), "http", route + " (active agent)",
                        () -> request(route, "/api/agent/agents/" + seed.agentId()),
                        outcome -> expect(httpBody(outcome, 200).path("agent").path("id").asLong() == seed.agentId(),
                                "expected the profile of agent " + seed.agentId(), outcome));
            }
            // Behind the authorizer: one Query of the caller's kals (none yet).
            case "UserCalendarsFunction" -> {
                String route = route(f, "GET /api/kals");
                yield new Subject(f.logicalId(), jar, f.handlerClass(), "http", route + " (authorized user)",
                        () -> asUser(request(route, "/api/kals"), seed),
                        outcome -> expect(httpBody(outcome, 200).isArray(), "expected 200 with an array", outcome));
            }
            // Behind the authorizer: validates the settings and writes one schedule item (search feed included).
            case "UserSchedulesFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "http",
                    route(f, "POST /api/schedules") + " (authorized user)",
                    () -> {
                        Map<String, String> options = asUser(request("POST /api/schedules", "/api/schedules"), seed);
                        options.put("header.content-type", "application/json");
                        options.put("body", "{\"label\":\"Cold start\",\"private\":false,\"timezone\":\"Europe/Berlin\","
                                + "\"settings\":{\"days\":[1,2,3,4,5],\"hours\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                                + "\"duration\":60,\"price\":40,\"currency\":\"USD\"}}");
                        return options;
                    },
                    outcome -> expect(httpBody(outcome, 201).has("id"), "expected 201 with the schedule", outcome));
            // An active, verified agent views a person (free tier): GetItem of the user, the search index loaded
            // from its feed (a handful of items here) for the schedule count, one free-tier update, the usage event.
            case "AgentSearchFunction" -> {
                String route = route(f, "GET /api/agent/user/{id}");
                yield new Subject(f.logicalId(), jar, f.handlerClass(), "http", route + " (active, verified agent)",
                        () -> {
                            Map<String, String> options = request(route, "/api/agent/user/" + seed.userId());
                            options.put("context.principal_type", "agent");
                            options.put("context.principal_id", Long.toString(seed.agentId()));
                            options.put("context.status", "active");
                            options.put("context.email_verified", "true");
                            return options;
                        },
                        outcome -> expect(httpBody(outcome, 200).path("user").path("id").asLong() == seed.userId(),
                                "expected the seed user", outcome));
            }
            // Behind the authorizer: validates the contract, then one transaction of the contract, the owner's hand,
            // its pointer and the owner's listing item.
            case "UserContractsFunction" -> new Subject(f.logicalId(), jar, f.handlerClass(), "http",
                    route(f, "POST /api/contracts") + " (authorized user)",
                    () -> {
                        Map<String, String> options = asUser(request("POST /api/contracts", "/api/contracts"), seed);
                        options.put("header.content-type", "application/json");
                        options.put("body", "{\"label\":\"Cold start\",\"currency\":\"USD\",\"timezone\":\"Europe/Berlin\"}");
                        return options;
                    },
                    outcome -> expect(httpBody(outcome, 201).path("hand").path("role_id").asInt() == 1,
                            "expected 201 with the contract and the caller's owner hand", outcome));
            // Behind the authorizer: the seed user's attendances of the next 30 days on GSI1, then their events.
            case "UserEventsFunction" -> {
                String route = route(f, "GET /api/events");
                yield new Subject(f.logicalId(), jar, f.handlerClass(), "http", route + " (authorized user, 1 event)",
                        () -> asUser(request(route, "/api/events"), seed),
                        outcome -> expect(httpBody(outcome, 200).path("data").path(0).path("id").asLong() == seed.eventId(),
                                "expected 200 with the seed user's event " + seed.eventId(), outcome));
            }
            // No credential: the token's lookup and the kal (2 GetItems), the owner's attendances, their events.
            case "CalendarFeedFunction" -> {
                String route = route(f, "GET /api/feeds/{token}");
                yield new Subject(f.logicalId(), jar, f.handlerClass(), "http", route + " (a kal with 1 event)",
                        () -> request(route, "/api/feeds/" + seed.feedToken()),
                        outcome -> {
                            String calendar = httpText(outcome, 200, "text/calendar");
                            expect(calendar.contains("UID:event-" + seed.eventId() + "@ceki"),
                                    "expected the VEVENT of event " + seed.eventId(), outcome);
                        });
            }
            // Public: the OpenAPI document, merged from its fragments and priced on the first request.
            case "ApiDocsFunction" -> {
                String route = route(f, "GET /api/openapi.json");
                yield new Subject(f.logicalId(), jar, f.handlerClass(), "http", route + " (the whole document)",
                        () -> request(route, "/api/openapi.json"),
                        outcome -> expect(httpBody(outcome, 200).path("openapi").asText().startsWith("3.1"),
                                "expected the OpenAPI 3.1 document", outcome));
            }
            // The MCP server's tools/call of view_person: agent-search's own first request (the same route, agent and
            // person), run in-process through that function's router, plus the JSON-RPC around it. The issue wants this
            // within 1.2x of AgentSearchFunction's cold start.
            case "McpFunction" -> {
                String route = route(f, "POST /mcp");
                yield new Subject(f.logicalId(), jar, f.handlerClass(), "http",
                        route + " tools/call view_person (active, verified agent)",
                        () -> {
                            Map<String, String> options = request(route, "/mcp");
                            options.put("context.principal_type", "agent");
                            options.put("context.principal_id", Long.toString(seed.agentId()));
                            options.put("context.status", "active");
                            options.put("context.email_verified", "true");
                            options.put("header.content-type", "application/json");
                            options.put("header.mcp-protocol-version", "2025-11-25");
                            options.put("body", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                                    + "{\"name\":\"view_person\",\"arguments\":{\"id\":" + seed.userId() + "}}}");
                            return options;
                        },
                        outcome -> expect(httpBody(outcome, 200).path("result").path("structuredContent").path("user")
                                .path("id").asLong() == seed.userId(), "expected the seed user as the tool's result", outcome));
            }
            default -> throw new BenchmarkFailure("no first request is defined for " + f.logicalId() + " ("
                    + f.handlerClass() + "): add one to ColdStartBenchmark.subject");
        };
    }

    /** The context the authorizer passes on for the seed user's JWT. */
    private static Map<String, String> asUser(Map<String, String> options, Seed seed) {
        options.put("context.principal_type", "user");
        options.put("context.principal_id", Long.toString(seed.userId()));
        options.put("context.status", "active");
        options.put("context.email_verified", "true");
        return options;
    }

    /** An authorized GET of the seed agent's own data: the context the authorizer would pass on. */
    private Subject agentRead(FunctionDef f, Path jar, Seed seed, String routeKey, String path, String expectedField) {
        String route = route(f, routeKey);
        return new Subject(f.logicalId(), jar, f.handlerClass(), "http", route + " (authorized agent)",
                () -> {
                    Map<String, String> options = request(route, path);
                    options.put("context.principal_type", "agent");
                    options.put("context.principal_id", Long.toString(seed.agentId()));
                    options.put("context.status", "active");
                    options.put("context.email_verified", "false");
                    return options;
                },
                outcome -> expect(httpBody(outcome, 200).has(expectedField), "expected 200 with " + expectedField, outcome));
    }

    /**
     * One agent registered from the shaded agent-registration jar in a child JVM, like the measured runs. It pays in BTC
     * where they use the default (USDT, an Ethereum address), so both derivations are proven from the minimized jar.
     */
    private Seed seed(EmulatorStack stack) throws IOException, InterruptedException {
        FunctionDef account = template.functions().stream().filter(f -> f.logicalId().equals("AgentRegistrationFunction"))
                .findFirst().orElseThrow(() -> new BenchmarkFailure("template.yaml has no AgentRegistrationFunction"));
        Subject register = new Subject("seed registration", artifact(repoRoot, template, account),
                account.handlerClass(), "http", "POST /api/agent/register (BTC)",
                () -> registration("BTC"), outcome -> checkRegistration(outcome, BITCOIN_ADDRESS));
        JsonNode body = httpBody(once(register).outcome(), 201);
        long agentId = body.path("agent_id").asLong();
        // Activation follows a deposit, which no API route makes: done directly, as operators and tests do.
        if (!new AgentRepository(new Table(EmulatorStack.TABLE_NAME, stack.dynamo())).activate(agentId, Instant.now())) {
            throw new BenchmarkFailure("could not activate the seed agent " + agentId);
        }
        // A person for the user functions, written as registration writes one.
        table = new Table(EmulatorStack.TABLE_NAME, stack.dynamo());
        // Funds, so that profile views past the 100 free a month (the primed runs repeat them) are paid, not refused.
        new Ledger(table, new IdGenerator(Clock.systemUTC()), Clock.systemUTC()).credit(agentId, Currency.BTC,
                BigDecimal.ONE, LedgerEntry.Type.DEPOSIT, "bench-seed:" + agentId, "benchmark seed");
        long userId = 4_000_000_000L + (System.nanoTime() & 0xffff);
        UserRepository users = new UserRepository(table);
        users.create(userId, "cold-start-user-" + startedAt + "@example.com", "Cold Start", null, null, false, Instant.now());
        // Their kal, with one event in it tomorrow, and its feed: what the events and feed functions read.
        Clock clock = Clock.systemUTC();
        KalRepository kals = new KalRepository(table);
        Kal kal = new Kals(kals, users, new IdGenerator(clock), clock)
                .create(userId, KalRules.create(Json.object().put("label", "Cold start").put("private", true)));
        long eventId = eventInKal(table, userId, kal.id(), new IdGenerator(clock).next(), clock.instant());
        String feedToken = new KalFeeds(table, kals).issue(userId, kal.id());
        return new Seed(agentId, body.path("api_key").asText(), userId, eventId, feedToken);
    }

    /** An hour tomorrow in the person's kal, written as an event exported into a kal is (its original aside). */
    private static long eventInKal(Table table, long userId, long kalId, long eventId, Instant now) {
        Instant start = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        Event event = Event.builder(eventId, Event.TYPE_MEETING, userId, now).status(Event.STATUS_CONFIRMED).kal(kalId)
                .label("Cold start").timezone("UTC").time(start, start.plus(Duration.ofHours(1)), 60)
                .date(LocalDate.ofInstant(start, ZoneOffset.UTC).toString()).isPrivate(true).attendees(Json.array()).build();
        WriteTransaction tx = new WriteTransaction(table);
        new EventRepository(table).create(tx, event, List.of(Attendance.owner(eventId, userId, kalId, now)));
        if (!tx.commit().committed()) {
            throw new BenchmarkFailure("could not write the seed event " + eventId);
        }
        return eventId;
    }

    // ------------------------------------------------------------------ running

    /**
     * Every subject {@code runs} times in fresh JVMs, round-robin. {@code primed}: the SnapStart stand-in (priming
     * after the constructor, then the first request and {@value #WARM_REPEATS} repeats of it).
     */
    private Map<String, List<ChildJvm.Result>> measure(List<Subject> subjects, int runs, boolean primed)
            throws IOException, InterruptedException {
        String pass = primed ? "primed " : "";
        if (!primed) {
            // One discarded run each, so that every artifact is read from the OS page cache, as on a warm Lambda host.
            System.err.println("Warm-up: one discarded run per artifact...");
            for (Subject s : subjects) {
                once(s, false);
            }
        }
        Map<String, List<ChildJvm.Result>> results = new LinkedHashMap<>();
        // Round-robin rather than one subject after the other: a slow spell of the machine spreads over all of them.
        for (int round = 1; round <= runs; round++) {
            System.err.printf("%sRound %d/%d%n", pass, round, runs);
            for (Subject s : subjects) {
                results.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(once(s, primed));
            }
        }
        return results;
    }

    private ChildJvm.Result once(Subject s) throws IOException, InterruptedException {
        return once(s, false);
    }

    private ChildJvm.Result once(Subject s, boolean primed) throws IOException, InterruptedException {
        return once(s, primed, List.of());
    }

    private ChildJvm.Result once(Subject s, boolean primed, List<String> extraFlags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        if (!primed) {
            command.addAll(FRESH_JVM_FLAGS);
        }
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(s.artifact() + File.pathSeparator + probeJar);
        command.add(PROBE);
        command.add(s.handlerClass());
        command.add(s.kind());
        Map<String, String> options = new LinkedHashMap<>(s.options().get());
        if (primed) {
            // Repeats that create something (a registration, a sign-up) need an address of their own each.
            options.computeIfPresent("body", (name, body) -> body.replace("@example.com", "-{{n}}@example.com"));
            options.put("prime", "true");
            options.put("warm", Integer.toString(WARM_REPEATS));
        }
        options.forEach((name, value) -> command.add(name + "=" + value));
        ChildJvm.Result result = ChildJvm.run(command, environment);
        try {
            s.check().accept(result.outcome());
        } catch (BenchmarkFailure e) {
            throw new BenchmarkFailure(s.name() + ": wrong answer to its first request: " + e.getMessage()
                    + "\n  command: " + ChildJvm.shell(command)
                    + "\n--- its output ---\n" + String.join("\n", result.output()));
        }
        (primed ? lastPrimedCommand : lastCommand).put(s.name(), command);
        return result;
    }

    /** Probe options of an HTTP API request, stamped as API Gateway stamps it. */
    private static Map<String, String> request(String routeKey, String path) {
        Instant now = Instant.now();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("route", routeKey);
        options.put("path", path);
        options.put("requestId", UUID.randomUUID().toString());
        options.put("time", REQUEST_TIME.format(now));
        options.put("timeEpoch", Long.toString(now.toEpochMilli()));
        return options;
    }

    /** A registration with an email never used before (every run creates a new agent). */
    private Map<String, String> registration(String currency) {
        Map<String, String> options = request("POST /api/agent/register", "/api/agent/register");
        ObjectNode body = Json.object()
                .put("email", "cold-start-" + startedAt + "-" + (++registrations) + "@example.com")
                .put("name", "Cold start benchmark");
        if (currency != null) {
            body.put("currency", currency);
        }
        options.put("header.content-type", "application/json");
        options.put("body", Json.write(body));
        return options;
    }

    // ------------------------------------------------------------------ checks

    private static void checkRegistration(String outcome, Pattern address) {
        JsonNode body = httpBody(outcome, 201);
        expect(!body.path("api_key").asText().isEmpty() && body.path("agent_id").asLong() > 0, "no agent or key", outcome);
        expect(address.matcher(body.path("wallet").path("deposit_address").asText()).matches(),
                "expected a deposit address matching " + address, outcome);
        // The wording used only when SES (the local emulator) accepted the verification email.
        expect(body.path("message").asText().contains("Verify your email"), "the verification email was not sent", outcome);
    }

    /** The JSON body of the probe's {@code status=<code> type=<content type> body=<body>}, if the status is {@code expected}. */
    private static JsonNode httpBody(String outcome, int expected) {
        try {
            return Json.parse(httpText(outcome, expected, "application/json"));
        } catch (JsonProcessingException e) {
            throw new BenchmarkFailure("response body is not JSON: " + outcome, e);
        }
    }

    /** The body as text, if the status is {@code expected} and the content type starts with {@code type}. */
    private static String httpText(String outcome, int expected, String type) {
        Matcher m = HTTP_OUTCOME.matcher(outcome);
        expect(m.matches() && Integer.parseInt(m.group(1)) == expected && m.group(2).startsWith(type),
                "expected HTTP " + expected + " " + type, outcome);
        return m.group(3);
    }

    private static void expect(boolean condition, String expectation, String outcome) {
        if (!condition) {
            throw new BenchmarkFailure(expectation + "; got: " + outcome);
        }
    }

    /** {@code routeKey} of {@code f}, checked against the template so the benchmark follows route changes. */
    private static String route(FunctionDef f, String routeKey) {
        if (f.routes().stream().noneMatch(r -> r.routeKey().equals(routeKey))) {
            throw new BenchmarkFailure(f.logicalId() + " has no route " + routeKey + " in template.yaml: update the benchmark");
        }
        return routeKey;
    }

    /** {@code routeKey}, checked to be a route the authorizer function {@code f} guards. */
    private String authorizedRoute(FunctionDef f, String routeKey) {
        Set<String> guardedBy = template.authorizers().values().stream()
                .filter(a -> a.functionLogicalId().equals(f.logicalId())).map(a -> a.name()).collect(Collectors.toSet());
        boolean guarded = template.functions().stream().flatMap(g -> g.routes().stream())
                .anyMatch(r -> r.routeKey().equals(routeKey) && guardedBy.contains(r.authorizer()));
        if (!guarded) {
            throw new BenchmarkFailure(routeKey + " is not a route behind " + f.logicalId() + " in template.yaml: update the benchmark");
        }
        return routeKey;
    }

    // ------------------------------------------------------------------ report

    private void report(List<Subject> subjects, Map<String, List<ChildJvm.Result>> results, int runs, String[] args)
            throws IOException, InterruptedException {
        double floor = median(results.get(subjects.get(0).name()), ChildJvm.Result::wallMillis);
        Set<String> authorizers = template.authorizers().values().stream()
                .map(a -> a.functionLogicalId()).collect(Collectors.toSet());

        System.out.println();
        System.out.println("COLD START per function: fresh JVM, deployment artifact only, process start -> response to the first real request");
        System.out.println("machine:  " + Machine.describe(""));
        System.out.println("child JVM: " + javaVersion().replace("\n", "\n           "));
        System.out.printf("runs:     %d per artifact (median, min, max), round-robin, after one discarded warm-up run each%n", runs);
        if (runs < MIN_RUNS) {
            System.out.printf("          NOTE: fewer than the %d runs the targets ask for%n", MIN_RUNS);
        }
        System.out.println();
        System.out.printf("%-24s %9s %9s %11s %8s %8s %8s %8s %7s %7s %8s%n", "function", "size MB", "size MiB",
                "bytes", "median", "min", "max", "x floor", "boot", "init", "request");
        for (Subject s : subjects) {
            List<ChildJvm.Result> r = results.get(s.name());
            long bytes = Files.size(s.artifact());
            double median = median(r, ChildJvm.Result::wallMillis);
            System.out.printf("%-24s %9.2f %9.2f %,11d %8.0f %8.0f %8.0f %7.2fx %7.0f %7.0f %8.0f%n", s.name(),
                    bytes / 1e6, bytes / (1024.0 * 1024.0), bytes, median,
                    r.stream().mapToDouble(ChildJvm.Result::wallMillis).min().orElseThrow(),
                    r.stream().mapToDouble(ChildJvm.Result::wallMillis).max().orElseThrow(), median / floor,
                    median(r, ChildJvm.Result::bootMillis), median(r, ChildJvm.Result::initMillis),
                    median(r, ChildJvm.Result::requestMillis));
        }
        System.out.println();
        System.out.println("""
                times in ms. median/min/max: spawn to the response line, as the parent sees it. Medians of its parts:
                boot = spawn to the probe's main (JVM start-up), init = the handler's constructor (class loading, object
                graph, SDK clients), request = the first handleRequest, with its calls to the local emulators.""");
        System.out.println();
        System.out.println("first requests:");
        for (Subject s : subjects) {
            System.out.printf("  %-24s %s  (%s)%n", s.name(), s.firstRequest(), s.artifact().getFileName());
        }

        System.out.println();
        System.out.println("targets:");
        for (Subject s : subjects.subList(1, subjects.size())) {
            if (authorizers.contains(s.name())) {
                double ratio = median(results.get(s.name()), ChildJvm.Result::wallMillis) / floor;
                System.out.printf("  %-58s %-30s %s%n", s.name() + " cold start <= " + AUTHORIZER_MAX_RATIO + "x the floor",
                        String.format("%.2fx (%.0f ms vs %.0f ms)", ratio, ratio * floor, floor),
                        ratio <= AUTHORIZER_MAX_RATIO ? "PASS" : "MISS");
            }
        }
        if (results.containsKey("McpFunction") && results.containsKey("AgentSearchFunction")) {
            double mcp = median(results.get("McpFunction"), ChildJvm.Result::wallMillis);
            double search = median(results.get("AgentSearchFunction"), ChildJvm.Result::wallMillis);
            System.out.printf("  %-58s %-30s %s%n", "McpFunction cold start <= " + MCP_MAX_RATIO + "x AgentSearchFunction's",
                    String.format("%.2fx (%.0f ms vs %.0f ms)", mcp / search, mcp, search),
                    mcp / search <= MCP_MAX_RATIO ? "PASS" : "MISS");
        }
        for (Subject s : subjects.subList(1, subjects.size())) {
            long bytes = Files.size(s.artifact());
            System.out.printf("  %-58s %-30s %s%n", s.name() + " artifact < 15 MB (15,000,000 bytes)",
                    String.format("%,d bytes", bytes), bytes < SIZE_LIMIT_BYTES ? "PASS" : "MISS");
        }

        // Output on a successful first request is worth seeing: it costs time, and may hide a packaging problem.
        Map<String, Set<String>> logged = new LinkedHashMap<>();
        results.forEach((name, r) -> r.forEach(result -> result.output()
                .forEach(line -> logged.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(line))));
        if (!logged.isEmpty()) {
            System.out.println();
            System.out.println("child output besides the response (distinct lines):");
            logged.forEach((name, lines) -> lines.forEach(line -> System.out.printf("  %-24s %s%n", name, line)));
        }

        System.out.println();
        System.out.println("commands:");
        System.out.println("  benchmark: " + java + " -cp \"bench/target/classes:$(cat bench/target/classpath.txt)\" "
                + ColdStartBenchmark.class.getName() + (args.length == 0 ? "" : " " + ChildJvm.shell(List.of(args)))
                + "   (./dev bench" + (args.length == 0 ? "" : " " + ChildJvm.shell(List.of(args))) + ")");
        System.out.println("  each child (its last measured run; environment: the function configuration only):");
        lastCommand.forEach((name, command) -> {
            if (results.containsKey(name)) {
                System.out.println("    " + ChildJvm.shell(command).replace(repoRoot + "/", ""));
            }
        });
    }

    /**
     * The SnapStart stand-in beside the fresh figures: (a) fresh JVM to first response, (b) constructor plus priming
     * (what making the snapshot costs), (c) the first request after priming, and the warm median of the same
     * request; also written to bench/target/coldstart.json.
     */
    private void reportPrimed(List<Subject> subjects, Map<String, List<ChildJvm.Result>> fresh,
                              Map<String, List<ChildJvm.Result>> primed) throws IOException {
        System.out.println();
        System.out.println("SNAPSHOT STAND-IN per function (issue 18): (a) fresh JVM to first response, as above; (b) init + priming;");
        System.out.println("(c) the first request after priming; warm = median of " + WARM_REPEATS + " repeats of that request in the same JVM.");
        System.out.println("No CRaC JVM or CRIU runs here, so (c) is measured in the JVM that primed, not in a restored copy:");
        System.out.println("the closest honest local stand-in. What a restore itself costs (loading the snapshot, reconnecting)");
        System.out.println("can only be measured on AWS.");
        System.out.println();
        System.out.printf("%-24s %11s %8s %10s %8s %8s %8s %8s%n", "function", "bytes", "(a) ms", "(b) ms",
                "prime", "(c) ms", "warm ms", "(c)/warm");
        ObjectNode json = Json.object();
        double floor = median(fresh.get(subjects.get(0).name()), ChildJvm.Result::wallMillis);
        json.put("floor_ms", floor);
        ObjectNode functions = json.putObject("functions");
        List<String> misses = new ArrayList<>();
        for (Subject s : subjects.subList(1, subjects.size())) {
            List<ChildJvm.Result> p = primed.get(s.name());
            long bytes = Files.size(s.artifact());
            double a = median(fresh.get(s.name()), ChildJvm.Result::wallMillis);
            double b = median(p, r -> r.initMillis() + r.primeMillis());
            double prime = median(p, ChildJvm.Result::primeMillis);
            double c = median(p, ChildJvm.Result::requestMillis);
            double warm = median(p, ChildJvm.Result::warmP50Millis);
            double ratio = warm >= 0.05 ? c / warm : Double.NaN; // a warm call under 0.05 ms makes no ratio
            System.out.printf("%-24s %,11d %8.0f %10.1f %8.1f %8.1f %8.2f %8s%n", s.name(), bytes, a, b, prime, c, warm,
                    Double.isNaN(ratio) ? "-" : String.format("%.1fx", ratio));
            if (!(ratio <= PRIMED_MAX_RATIO) && c - warm > PRIMED_SLACK_MS) {
                misses.add(s.name());
            }
            functions.putObject(s.name()).put("jar_bytes", bytes).put("fresh_median_ms", a)
                    .put("init_priming_median_ms", b).put("priming_median_ms", prime)
                    .put("first_after_priming_ms", c).put("warm_p50_ms", warm);
        }
        System.out.println();
        System.out.printf("targets: (c) <= %.1fx warm (or within %.0f ms of it) for every function: %s%n", PRIMED_MAX_RATIO,
                PRIMED_SLACK_MS,
                misses.isEmpty() ? "PASS" : "MISS (" + String.join(", ", misses) + ")");
        Set<String> authorizers = template.authorizers().values().stream()
                .map(auth -> auth.functionLogicalId()).collect(Collectors.toSet());
        for (String name : authorizers) {
            double a = median(fresh.get(name), ChildJvm.Result::wallMillis);
            System.out.printf("         %s (a) < %.0f ms: %.0f ms %s%n", name, AUTHORIZER_MAX_MS, a, a < AUTHORIZER_MAX_MS ? "PASS" : "MISS");
        }
        System.out.println("each primed child (its last run):");
        lastPrimedCommand.forEach((name, command) -> System.out.println("    " + ChildJvm.shell(command).replace(repoRoot + "/", "")));
        Path out = repoRoot.resolve("bench/target/coldstart.json");
        Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("written: " + repoRoot.relativize(out));
    }

    /**
     * {@code --classes}: what each function's fresh cold start loads, by {@code -Xlog:class+load}: how many classes
     * come from the JDK and how many from the function's jar, and the jar's largest groups, so that what the first
     * request never needs can be found and cut. The full lists go to bench/target/class-load/.
     */
    private void reportClassLoading(List<Subject> subjects) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(repoRoot.resolve("bench/target/class-load"));
        System.out.println();
        System.out.println("CLASSES LOADED per function: one fresh JVM (flags as the fresh runs), constructor and first request;");
        System.out.println("then one primed JVM: what its first request still loaded after priming (what priming missed)");
        System.out.println();
        System.out.printf("%-26s %7s %7s %7s %9s   %s%n", "function", "total", "JDK", "jar", "after pr.",
                "largest groups in the jar (classes); after priming: largest groups");
        for (Subject s : subjects) {
            ClassLoads fresh = classLoads(s, false, dir.resolve(s.name() + ".log"));
            Files.write(dir.resolve(s.name() + ".txt"), fresh.fromJar().stream().sorted().toList());
            ClassLoads primed = classLoads(s, true, dir.resolve(s.name() + "-primed.log"));
            Files.write(dir.resolve(s.name() + "-after-priming.txt"), primed.firstRequest());
            System.out.printf("%-26s %7d %7d %7d %9d   %s; after priming: %s%n", s.name(), fresh.total(),
                    fresh.total() - fresh.fromJar().size(), fresh.fromJar().size(), primed.firstRequest().size(),
                    largestGroups(fresh.fromJar(), 6), largestGroups(primed.firstRequest(), 4));
        }
        System.out.println();
        System.out.println("JDK = the JDK's own classes (its CDS archive or jrt:/); jar = the function's deployment jar;");
        System.out.println("after pr. = classes (JDK's and the jar's) the first request loaded after priming.");
        System.out.println("lists: " + repoRoot.relativize(dir) + "/<function>.txt (from the jar), <function>-after-priming.txt, .log (everything)");
    }

    /** A class-load log's figures: every class but the probe's, those from the jar, those the first request loaded. */
    private record ClassLoads(int total, List<String> fromJar, List<String> firstRequest) {}

    private ClassLoads classLoads(Subject s, boolean primed, Path log) throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        once(s, primed, List.of("-Xlog:class+load:file=" + log + ":none"));
        List<String> fromJar = new ArrayList<>();
        List<String> firstRequest = new ArrayList<>();
        int total = 0;
        boolean inFirstRequest = false;
        for (String line : Files.readAllLines(log)) {
            int source = line.indexOf(" source: ");
            if (source < 0) {
                continue;
            }
            String name = line.substring(0, source);
            String from = line.substring(source + " source: ".length());
            if (from.contains(probeJar.getFileName().toString())) {
                // the probe's own classes; its markers bracket the first request
                if (name.endsWith("$PrimingDone")) {
                    inFirstRequest = true;
                } else if (name.endsWith("$FirstRequestDone")) {
                    inFirstRequest = false;
                }
                continue;
            }
            total++;
            if (inFirstRequest) {
                firstRequest.add(name);
            }
            if (from.contains(s.artifact().getFileName().toString())) {
                fromJar.add(name);
            }
        }
        return new ClassLoads(total, fromJar, firstRequest);
    }

    private static String largestGroups(List<String> classes, int limit) {
        return classes.stream().collect(Collectors.groupingBy(ColdStartBenchmark::classGroup, Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** A class's group for the summary: the SDK by module (software.amazon.awssdk.services.dynamodb), others by 3 parts. */
    private static String classGroup(String className) {
        String[] parts = className.split("\\.");
        int depth = className.startsWith("software.amazon.awssdk.services.") ? 5
                : className.startsWith("software.amazon.awssdk.") ? 4 : 3;
        return String.join(".", List.of(parts).subList(0, Math.min(depth, parts.length - 1)));
    }

    private static double median(List<ChildJvm.Result> results, ToDoubleFunction<ChildJvm.Result> value) {
        double[] sorted = results.stream().mapToDouble(value).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private String javaVersion() throws IOException, InterruptedException {
        Process p = ChildProcesses.command(List.of(java.toString(), "-version")).startPiped();
        String text = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return java + "\n" + text;
    }

    // ------------------------------------------------------------------ artifacts

    /** The function's deployment artifact: its {@code CodeUri} in template.yaml. */
    private static Path artifact(Path repoRoot, SamTemplate template, FunctionDef f) {
        Object codeUri = SamTemplate.map(template.resource(f.logicalId()).get("Properties")).get("CodeUri");
        if (codeUri == null || !codeUri.toString().endsWith(".jar")) {
            throw new BenchmarkFailure(f.logicalId() + " has no jar CodeUri in template.yaml: " + codeUri);
        }
        return repoRoot.resolve(codeUri.toString());
    }

    /** bench/target/bench-{version}-{classifier}.jar, built by bench/pom.xml. */
    private static Path benchJar(Path target, String classifier) throws IOException {
        try (Stream<Path> files = Files.list(existing(target))) {
            return files.filter(p -> p.getFileName().toString().matches("bench-.*-" + classifier + "\\.jar")).findFirst()
                    .orElseThrow(() -> new BenchmarkFailure("no bench/target/bench-*-" + classifier
                            + ".jar: build it with mvn -pl bench install"));
        }
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new BenchmarkFailure(path + " is missing: build it first (./dev package; mvn -pl bench install)");
        }
        return path;
    }

    /**
     * Numbers from an out-of-date jar describe code that no longer exists: say so. The sources that count are the
     * function module's and those of the shared modules whose package ({@code com/ceki/<module>/}) the jar contains.
     */
    private static void warnIfStale(Path artifact, Path repoRoot) throws IOException {
        FileTime built = Files.getLastModifiedTime(artifact);
        List<Path> sources = new ArrayList<>(List.of(repoRoot.resolve("pom.xml"),
                artifact.getParent().getParent().resolve("pom.xml"), artifact.getParent().getParent().resolve("src/main")));
        try (ZipFile jar = new ZipFile(artifact.toFile()); Stream<Path> shared = Files.list(repoRoot.resolve("shared"))) {
            shared.filter(module -> jar.getEntry("com/ceki/" + module.getFileName() + "/") != null)
                    .forEach(module -> sources.addAll(List.of(module.resolve("pom.xml"), module.resolve("src/main"))));
        }
        for (Path source : sources) {
            if (!Files.exists(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                Optional<Path> newer = files.filter(Files::isRegularFile)
                        .filter(p -> lastModified(p).compareTo(built) > 0).findFirst();
                if (newer.isPresent()) {
                    System.err.printf("WARNING: %s is older than %s: rebuild it (./dev package) to measure the current code%n",
                            repoRoot.relativize(artifact), repoRoot.relativize(newer.get()));
                    return;
                }
            }
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
