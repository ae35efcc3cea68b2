package com.ceki.tests.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.ceki.apispec.ApiDocument;
import com.ceki.core.json.Json;
import com.ceki.local.LocalServer;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.tests.support.OpenApiCheck;
import com.ceki.tests.support.RawHttp;
import com.ceki.tests.support.TestServer;
import com.ceki.storage.Item;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Every route of {@code template.yaml}, fed hostile input the way a hostile client would send it: each route's valid
 * example ({@code hostile-input/examples.json}) with a field replaced by broken text or an impossible number, fields
 * added or dropped, the whole body malformed, hostile path ids and query strings, and the right credential, none,
 * a garbage one or the other principal's. Every answer must be a 4xx or 2xx with a JSON body (a {@code message} on
 * errors, {@code errors} on a 422, no Java class names), and a refused request must leave the table as it was.
 *
 * <p>Runs in its own surefire execution (its own JVM, so its own emulators and a small table, fingerprinted after
 * every request). Seeded and bounded: seed {@value #SEED} and {@value #TRIES} tries ({@link HostileCases}: a sweep of
 * every fixed hostile value first, then weighted random cases) unless {@code -Dhostile.seed} / {@code -Dhostile.tries}
 * say otherwise; {@code -Dhostile.only=N} sends try N alone. Findings are collected over each test and reported
 * together, each with the exact request and its try, the smallest failing request first.
 */
@Tag("hostile-input")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the examples on fresh fixtures; the fuzzer, which changes them, last
class HostileInputTest {

    private static final Pattern OPENS_USDC_WALLET = Pattern.compile("added AGENT#\\d+ \\| WALLET#USDC"
            + "|changed COUNTER#HD_INDEX#ETHEREUM \\| COUNTER \\[next_index]"
            + "|added DEPOSIT_ADDRESS#ETHEREUM#0x[0-9a-f]{40} \\| DEPOSIT_ADDRESS");

    static final long SEED = 20260421;
    static final int TRIES = 1200;

    private static final long RUN_SEED = property("hostile.seed", SEED);
    private static final int RUN_TRIES = (int) property("hostile.tries", TRIES);
    /** {@code -Dhostile.only=N}: only try N of the seed, to rerun one finding (on fresh fixtures, without the tries before it). */
    private static final int ONLY = (int) property("hostile.only", -1);
    /** {@code -Dhostile.trace=true}: one line per request sent, with its try and status, to see what the generator does. */
    private static final boolean TRACE = Boolean.getBoolean("hostile.trace");
    /** The try index of a request sent by an example-based check. */
    private static final int NOT_A_TRY = -1;

    /**
     * A Java class name in an answer. Bounded repetitions: an unbounded {@code [a-z]+} backtracks quadratically over an
     * answer that echoes a long run of letters (a 100 KB stored field took minutes per answer).
     */
    private static final Pattern JAVA_NAME =
            Pattern.compile("[a-z]{1,40}\\.[a-z]{1,40}\\.[A-Z]\\w{0,100}(Exception|Error)|Exception");
    private static final int REPORTED = 40;

    private static Fixtures fixtures;
    private static RawHttp http;
    private static Map<String, RouteExample> examples;
    private static TableFingerprint baseline;

    private final List<Finding> findings = new ArrayList<>();
    /** Where a run's time goes: the requests themselves, and draining the metering queue and fingerprinting the table. */
    private long requestNanos;
    private long fingerprintNanos;

    /** One answer that broke a rule, with what was sent and in which try ({@link #NOT_A_TRY} for an example check). */
    private record Finding(String route, String problem, HostileCase.Request request, String response, int tryIndex) {

        /** The finding's group in the report: the problem without its details, and the route. */
        String kind() {
            return problem.replaceAll("[:;].*", "") + " | " + route;
        }

        String source() {
            return tryIndex == NOT_A_TRY ? "an example check" : "try " + tryIndex;
        }
    }

    /** Smaller first: fewer body bytes, then a shorter target; what to read first when many requests fail alike. */
    private static final Comparator<Finding> SMALLEST = Comparator
            .comparingInt((Finding f) -> f.request().body() == null ? 0 : f.request().body().length)
            .thenComparingInt(f -> f.request().target().length());

    /** A request as sent, and its answer (null when there was none). */
    private record Sent(HostileCase.Request request, RawHttp.Response response) {}

    @BeforeAll
    static void startTheWorld() {
        http = RawHttp.local();
        examples = RouteExample.load();
        fixtures = Fixtures.create();
        drainMetering();
        baseline = fingerprint();
        System.out.println("[hostile-input] fixtures ready, " + baseline.size() + " items in the table");
    }

    @Test
    @Order(1)
    void everyRouteOfTheTemplateHasAnExample() {
        Set<String> template = RouteExample.templateRoutes(LocalServer.repoRoot());
        Set<String> missing = new TreeSet<>(template);
        missing.removeAll(examples.keySet());
        Set<String> extra = new TreeSet<>(examples.keySet());
        extra.removeAll(template);
        assertEquals(Set.of(), missing, "routes of template.yaml without an entry in " + RouteExample.RESOURCE);
        assertEquals(Set.of(), extra, "entries of " + RouteExample.RESOURCE + " that template.yaml has no route for");
    }

    /** The examples themselves: answered 2xx (or their documented status), so mutating them tests the real rules. */
    @Test
    @Order(2)
    void everyExampleIsAnsweredAsItSays() {
        for (RouteExample example : examples.values()) {
            Sent sent = run(new HostileCase(example, HostileCase.Credential.RIGHT, null, List.of()), NOT_A_TRY);
            RawHttp.Response response = sent.response();
            if (response != null && response.status() / 100 != 2 && !example.expect().contains(response.status())) {
                findings.add(new Finding(example.routeKey(), "the example itself is answered " + response.status(),
                        sent.request(), excerpt(response), NOT_A_TRY));
            }
        }
        assertNoFindings();
    }

    /**
     * The classes of input issue 11 found 500s with, each once on a route it broke, whatever the seed: each must be
     * refused with the status said, a 422 naming the field, and write nothing.
     */
    @Test
    @Order(3)
    void theInputsOfIssue11AreRefusedNamingTheField() {
        record Known(String route, HostileCase.Mutation mutation, int status, String field) {}
        JsonNode underflow = HostileValues.rawNumber("5e-324");
        List<Known> known = List.of(
                new Known("POST /api/schedules", new HostileCase.ReplaceValue(List.of("price"), underflow), 422, "price"),
                new Known("POST /api/schedules/{schedule}/events", new HostileCase.ReplaceValue(List.of("price"), underflow),
                        422, "price"),
                new Known("PUT /api/schedules", new HostileCase.ReplaceValue(List.of("settings", "price"),
                        HostileValues.rawNumber("1e999999999")), 422, "settings.price"),
                new Known("POST /api/agent/schedules", new HostileCase.ReplaceValue(List.of("settings", "days", 0),
                        HostileValues.rawNumber("4294967297")), 422, "settings.days.0"),
                new Known("POST /api/schedules/{schedule}/payments", new HostileCase.ReplaceValue(List.of("amount"),
                        TextNode.valueOf("10.005")), 422, "amount"),
                new Known("PATCH /api/agent/me", new HostileCase.ReplaceValue(List.of("example_requests", 0, "title"),
                        TextNode.valueOf("A review\ud800")), 422, "example_requests.0.title"),
                new Known("POST /api/agent/schedules", new HostileCase.AddField(List.of("settings", "events", 0), "note",
                        TextNode.valueOf("\udc00")), 422, "settings.events.0.note"),
                new Known("PUT /api/user", new HostileCase.ReplaceValue(List.of("languages", 0, "label"),
                        TextNode.valueOf("x".repeat(101))), 422, "languages.0.label"),
                new Known("PUT /api/kals/{kal}", new HostileCase.PathId("kal", "%zz"), 400, null),
                new Known("GET /api/agent/agents", new HostileCase.QueryValue("perPage[]", "x"), 422, "perPage"));
        for (Known k : known) {
            Sent sent = run(new HostileCase(examples.get(k.route()), HostileCase.Credential.RIGHT, null, List.of(k.mutation())),
                    NOT_A_TRY);
            RawHttp.Response response = sent.response();
            JsonNode errors = response == null ? null : parseOrNull(response.text()).path("errors");
            if (response != null && (response.status() != k.status() || (k.field() != null && !errors.has(k.field())))) {
                findings.add(new Finding(k.route(), "expected " + k.status() + (k.field() == null ? "" : " naming " + k.field())
                        + ", got " + response.status(), sent.request(), excerpt(response), NOT_A_TRY));
            }
        }
        assertNoFindings();
    }

    /** The write check can fail: a write the fingerprint must see, and one it must not (an attempt counter). */
    @Test
    @Order(4)
    void theFingerprintSeesEveryWriteButTheIgnoredOnes() {
        TableFingerprint before = fingerprint();
        Map<String, AttributeValue> ignored = Item.key("ATTEMPTS#selftest#x#1", "ATTEMPTS").n("attempts", 1).map();
        Map<String, AttributeValue> seen = Item.key("HOSTILE#selftest", "HOSTILE").s("x", "y").map();
        TestServer.dynamo().putItem(p -> p.tableName(EmulatorStack.TABLE_NAME).item(ignored));
        assertEquals(List.of(), fingerprint().changesSince(before));
        TestServer.dynamo().putItem(p -> p.tableName(EmulatorStack.TABLE_NAME).item(seen));
        assertEquals(List.of("added HOSTILE#selftest | HOSTILE"), fingerprint().changesSince(before));
        TestServer.dynamo().deleteItem(d -> d.tableName(EmulatorStack.TABLE_NAME).key(Item.key("HOSTILE#selftest", "HOSTILE").map()));
        baseline = fingerprint();
    }

    /**
     * The OpenAPI document's request schemas state the validators' limits: for each top-level body field and query
     * parameter of every route, a value just past a limit the schema states (a string one character too long, a number
     * past its bound, a value outside its enum, the wrong type, a required field left out) is a 422 naming that field
     * and writes nothing; a plain string of exactly the longest length allowed is not refused for that field.
     */
    @Test
    @Order(5)
    void theDocumentsRequestLimitsAreTheValidatorsLimits() {
        ApiDocument document = ApiDocument.load();
        Map<String, ApiDocument.Operation> operations = document.byRouteKey();
        int checked = 0;
        for (RouteExample example : examples.values()) {
            ApiDocument.Operation operation = operations.get(example.routeKey());
            if (operation == null) {
                continue; // OpenApiDocumentTest reports an undocumented route
            }
            for (SchemaLimits.Case limit : SchemaLimits.of(document, operation, example)) {
                checked++;
                Sent sent = run(new HostileCase(example, HostileCase.Credential.RIGHT, null, List.of(limit.mutation())),
                        NOT_A_TRY);
                RawHttp.Response response = sent.response();
                if (response == null) {
                    continue;
                }
                JsonNode errors = parseOrNull(response.text()).path("errors");
                boolean named = errors.has(limit.field()) || errors.propertyStream()
                        .anyMatch(e -> e.getKey().startsWith(limit.field() + "."));
                if (limit.refused() && (response.status() != 422 || !named)) {
                    findings.add(new Finding(example.routeKey(), "the schema says " + limit.rule() + ", but the answer is "
                            + response.status() + (response.status() == 422 ? " not naming " + limit.field() : ""),
                            sent.request(), excerpt(response), NOT_A_TRY));
                } else if (!limit.refused() && response.status() == 422 && named) {
                    findings.add(new Finding(example.routeKey(), "the schema allows " + limit.rule() + ", but the "
                            + "validator refuses it", sent.request(), excerpt(response), NOT_A_TRY));
                }
            }
        }
        System.out.println("[hostile-input] " + checked + " limits of the OpenAPI document's request schemas checked");
        assertNoFindings();
    }

    /** The fuzzer: {@link #RUN_TRIES} cases of {@link HostileCases}, each drawn from (seed, try index) alone. */
    @Test
    @Order(6)
    void hostileRequestsAreRefusedCleanlyAndWriteNothing() {
        HostileCases cases = new HostileCases(List.copyOf(examples.values()));
        List<Integer> tries = ONLY >= 0 ? List.of(ONLY) : IntStream.range(0, RUN_TRIES).boxed().toList();
        Map<String, Integer> routes = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> mutations = new TreeMap<>();
        long started = System.nanoTime();
        for (int index : tries) {
            HostileCase hostile = cases.draw(RUN_SEED, index);
            RawHttp.Response response;
            try {
                response = run(hostile, index).response();
            } catch (RuntimeException broke) {
                report().ifPresent(System.out::println); // the findings so far are not lost
                throw new AssertionError("try " + index + " (" + hostile + ") broke the run; rerun it: " + rerun(index), broke);
            }
            routes.merge(hostile.example().routeKey(), 1, Integer::sum);
            statuses.merge(response == null ? "none" : response.status() / 100 + "xx", 1, Integer::sum);
            hostile.mutations().forEach(m -> mutations.merge(m.getClass().getSimpleName(), 1, Integer::sum));
        }
        IntSummaryStatistics perRoute = routes.values().stream().mapToInt(Integer::intValue).summaryStatistics();
        System.out.printf("[hostile-input] %d tries (%d of them the sweep of every fixed value) in %.1f s (requests %.1f s,"
                        + " table fingerprints %.1f s), seed %d%n[hostile-input] answers %s; mutations %s; %d of %d routes,"
                        + " %d to %d tries each%n", tries.size(), tries.stream().filter(i -> i < cases.sweepSize()).count(),
                (System.nanoTime() - started) / 1e9, requestNanos / 1e9, fingerprintNanos / 1e9, RUN_SEED, statuses,
                mutations, routes.size(), examples.size(), perRoute.getMin(), perRoute.getMax());
        assertNoFindings();
    }

    private void assertNoFindings() {
        report().ifPresent(report -> fail(report));
    }

    /**
     * Every finding of the test: counted by problem and route, each group with its smallest request; then the smallest
     * of all in full, with the command that reruns its try; then the first {@value #REPORTED} in full.
     */
    private Optional<String> report() {
        if (findings.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Finding>> byKind = findings.stream().collect(Collectors.groupingBy(Finding::kind, TreeMap::new,
                Collectors.toList()));
        StringBuilder report = new StringBuilder(String.format("%d finding(s) on %d route(s), seed %d:%n", findings.size(),
                findings.stream().map(Finding::route).distinct().count(), RUN_SEED));
        byKind.forEach((kind, group) -> {
            Finding smallest = group.stream().min(SMALLEST).orElseThrow();
            report.append(String.format("  %4d  %s  (smallest: %s, %d body bytes)%n", group.size(), kind, smallest.source(),
                    smallest.request().body() == null ? 0 : smallest.request().body().length));
        });
        Finding smallest = findings.stream().min(SMALLEST).orElseThrow();
        report.append("\nThe smallest failing request, ").append(smallest.source())
                .append(smallest.tryIndex() == NOT_A_TRY ? "" : "; rerun it: " + rerun(smallest.tryIndex())).append(":\n");
        append(report, smallest);
        if (findings.size() == 1) {
            return Optional.of(report.toString());
        }
        report.append("\nThe first ").append(Math.min(REPORTED, findings.size())).append(":\n");
        findings.stream().limit(REPORTED).forEach(f -> append(report, f));
        if (findings.size() > REPORTED) {
            report.append("\n(").append(findings.size() - REPORTED).append(" more not shown)\n");
        }
        return Optional.of(report.toString());
    }

    private static void append(StringBuilder report, Finding f) {
        report.append("\n").append(f.source()).append(": ").append(f.problem()).append("\n  ")
                .append(f.request().describe()).append("\n  -> ").append(f.response()).append("\n");
    }

    /** The command that sends one try again alone; {@code -Dhostile.tries=N+1} instead replays the tries before it too. */
    private static String rerun(int tryIndex) {
        return "./dev test -pl tests -am -Dtest=HostileInputTest -Dsurefire.failIfNoSpecifiedTests=false -Dhostile.seed="
                + RUN_SEED + " -Dhostile.only=" + tryIndex + " (or -Dhostile.tries=" + (tryIndex + 1)
                + " to replay the tries before it too)";
    }

    /** Sends one case, checks the answer and what it left in the table; records any finding. */
    private Sent run(HostileCase hostile, int tryIndex) {
        HostileCase.Request request = hostile.request(fixtures);
        String route = hostile.example().routeKey();
        RawHttp.Response response;
        long started = System.nanoTime();
        try {
            response = http.send(request.method(), request.target(), request.headers(), request.body());
        } catch (RuntimeException noAnswer) {
            findings.add(new Finding(route, "no answer: " + noAnswer, request, "-", tryIndex));
            return new Sent(request, null);
        } finally {
            requestNanos += System.nanoTime() - started;
        }
        if (TRACE) {
            System.out.println("[hostile-input] " + (tryIndex == NOT_A_TRY ? "example" : "try " + tryIndex) + ": "
                    + response.status() + " " + request.describe().replace("\n", " "));
        }
        List<String> problems = problems(response);
        documented(request, response).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            findings.add(new Finding(route, String.join("; ", problems), request, excerpt(response), tryIndex));
        }
        if (response.status() / 100 == 2) {
            capture(hostile.example(), response);
        }
        started = System.nanoTime();
        if (response.status() / 100 == 2 && hostile.example().pathTemplate().startsWith("/api/agent/")) {
            drainMetering(); // only agent routes' successes are metered; the event must land before the next fingerprint
        }
        TableFingerprint after = fingerprint();
        fingerprintNanos += System.nanoTime() - started;
        if (response.status() / 100 == 4) {
            List<String> written = after.changesSince(baseline);
            if (response.status() == 402) {
                // The one write a refusal may make: a 402 names the agent's USDC deposit address as x402's payTo,
                // opening its USDC wallet (the wallet, its address guard, the HD index) when it had none.
                written = written.stream().filter(change -> !OPENS_USDC_WALLET.matcher(change).matches()).toList();
            }
            if (!written.isEmpty()) {
                findings.add(new Finding(route, "a refused request (" + response.status() + ") wrote: " + written,
                        request, excerpt(response), tryIndex));
            }
        }
        baseline = after;
        return new Sent(request, response);
    }

    /**
     * What the OpenAPI document says of this answer ({@link OpenApiCheck}, as for every other test's responses): its
     * status must be one the operation lists and its body valid against that response's schema. A 400 or a 431 is
     * the gateway's own answer to a request it cannot take (a path of bad escapes, headers past its limit), before any
     * operation is reached.
     */
    private static Optional<String> documented(HostileCase.Request request, RawHttp.Response response) {
        if (response.status() == 400 || response.status() == 431) {
            return Optional.empty();
        }
        JsonNode body = parseOrNull(response.text());
        try {
            OpenApiCheck.verify(request.method(), request.target(), response.status(),
                    response.headers().get("content-type"), body.isEmpty() && !response.text().trim().equals("{}") ? null : body);
            return Optional.empty();
        } catch (AssertionError undocumented) {
            return Optional.of("not as documented: " + undocumented.getMessage().replace("\n", " "));
        }
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return Json.parse(text);
        } catch (Exception notJson) {
            return Json.object();
        }
    }

    /** The rules every answer keeps, whatever was sent. */
    private static List<String> problems(RawHttp.Response response) {
        List<String> problems = new ArrayList<>();
        int status = response.status();
        if (status >= 500) {
            problems.add("5xx: " + status);
        } else if (status < 200 || (status >= 300 && status < 400)) {
            problems.add("unexpected status: " + status);
        }
        String type = response.headers().getOrDefault("content-type", "");
        if (status / 100 == 2 && !type.startsWith("application/json")) {
            // A success that is not JSON by design (a kal's feed, the reference page and its script, llms.txt): its
            // media type is checked against the OpenAPI document with every answer (documented()).
            return problems;
        }
        if (JAVA_NAME.matcher(response.text()).find()) {
            problems.add("names a Java class");
        }
        if (!type.startsWith("application/json")) {
            problems.add("not JSON: content-type " + type);
        }
        JsonNode body;
        try {
            body = Json.parse(response.text());
        } catch (Exception notJson) {
            problems.add("not JSON: body does not parse");
            return problems;
        }
        if (status >= 400 && !body.path("message").isTextual()) {
            problems.add("no message: an error without a string message");
        }
        if (status == 422) {
            JsonNode errors = body.path("errors");
            boolean wellFormed = errors.isObject() && !errors.isEmpty();
            for (var field : errors.properties()) {
                wellFormed &= !field.getKey().isEmpty() && field.getValue().isArray() && !field.getValue().isEmpty()
                        && field.getValue().get(0).isTextual();
            }
            if (!wellFormed) {
                problems.add("422 without errors: no non-empty errors object naming fields");
            }
        }
        return problems;
    }

    /** A success that changes a fixture (a regenerated key) is followed by the tests from then on. */
    private static void capture(RouteExample example, RawHttp.Response response) {
        if (example.captures().isEmpty()) {
            return;
        }
        try {
            JsonNode body = Json.parse(response.text());
            example.captures().forEach((fixture, field) -> {
                if (body.path(field).isTextual()) {
                    fixtures.put(fixture, body.path(field).asText());
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("A success of " + example.routeKey() + " that is not JSON", e);
        }
    }

    private static String excerpt(RawHttp.Response response) {
        return response.status() + " " + RawHttp.abbreviate(response.text().replace("\n", " "));
    }

    private static TableFingerprint fingerprint() {
        return TableFingerprint.of(TestServer.dynamo(), EmulatorStack.TABLE_NAME);
    }

    /** Waits until the metering queue is empty: a usage event of the last success lands before the next fingerprint. */
    private static void drainMetering() {
        var queues = TestServer.get().queues();
        String url = queues.urls().get("MeteringQueue");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> attributes = queues.client().getQueueAttributes(a -> a.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            if (attributes.values().stream().allMatch("0"::equals)) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("The metering queue did not drain in 30 s");
    }

    /** A numeric {@code -D} property of this run, or its default when unset or blank. */
    private static long property(String name, long otherwise) {
        String value = System.getProperty(name, "");
        return value.isBlank() ? otherwise : Long.parseLong(value.trim());
    }
}
