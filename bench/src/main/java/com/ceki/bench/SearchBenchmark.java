package com.ceki.bench;

import com.ceki.auth.UserTokens;
import com.ceki.bench.Latencies.Call;
import com.ceki.bench.Latencies.Calls;
import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.local.LocalServer;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.schedules.user.UserSchedule;
import com.ceki.schedules.user.UserScheduleRepository;
import com.ceki.search.ScheduleSearch;
import com.ceki.search.SearchQuery;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.users.UserRepository;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * {@code SearchBenchmark [--requests N] [--sizes 1000,10000,50000]}: the platform search through the local runner
 * (HTTP on localhost, a user JWT, the real handlers and their in-memory index over dynoxide) at growing numbers of
 * public schedules (users = schedules / 5), one client at a time (a Lambda instance serves one request at a time).
 *
 * <p>Per size: p50/p99 of a word query, a skills + price filter and a days + hours filter ({@code POST
 * /api/schedules/search}), a booking ({@code POST /api/schedules/{id}/events}), and a bare GetItem (the floor); the
 * cold load of the index (a new {@link ScheduleSearch} in this JVM, the code the functions run: every feed partition
 * queried, then the first search) and the heap that index holds. Seeding writes the items the repositories write
 * (user items with their search-feed keys, schedule items from {@link UserScheduleRepository#toItem}) with
 * BatchWriteItem.
 */
public final class SearchBenchmark {

    private static final String[] WORDS = ("piano guitar violin vocal drums yoga pilates fitness running swimming tennis "
            + "chess math physics chemistry biology english spanish german french chinese japanese russian history "
            + "writing editing design photo video marketing sales legal tax accounting therapy coaching career "
            + "nutrition cooking baking painting drawing pottery dance salsa tango ballet coding python java kotlin "
            + "react devops cloud security data analytics excel finance investing massage barber makeup nails "
            + "plumbing electrician carpentry gardening cleaning moving tutoring exam interview consulting").split(" ");
    private static final String[] ZONES = {"UTC", "Europe/Moscow", "Europe/Berlin", "Europe/London", "America/New_York",
            "America/Los_Angeles", "Asia/Tokyo", "Asia/Dubai", "Australia/Sydney", "Asia/Kolkata"};
    private static final String[] CURRENCIES = {"USD", "EUR", "RUB", "USDT"};
    private static final int SKILLS = 200;
    private static final double TARGET_RATIO = 10;

    private record Row(int schedules, int users, Latencies floor, Latencies query, Latencies skillsPrice,
                       Latencies daysHours, Latencies cold, Latencies booking, String bookingNote, long heapBytes,
                       long seedMillis, Latencies engine) {}

    private final LocalServer server;
    private final Table table;
    private final ApiClient api;
    private final Random random = new Random(42);
    private final int requests;
    private final UserTokens tokens;
    private final long idBase = System.currentTimeMillis() * 1000;
    private int users;
    private int schedules;
    /** Days after 2027-01-01 of the bookings made so far: each on its own day, so that none conflicts. */
    private final AtomicInteger bookingDay = new AtomicInteger();

    private SearchBenchmark(LocalServer server, int requests) {
        this.server = server;
        this.table = new Table(EmulatorStack.TABLE_NAME, server.stack().dynamo());
        this.api = new ApiClient(server.baseUrl());
        this.requests = requests;
        Map<String, String> env = server.environment();
        this.tokens = UserTokens.issuer(env.get("JWT_SIGNING_KEY"), env.get("JWT_ISSUER"), env.get("JWT_AUDIENCE"),
                Duration.ofHours(2), Clock.systemUTC());
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            int requests = 300;
            int[] sizes = {1_000, 10_000, 50_000};
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                    case "--sizes" -> sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                    default -> throw new BenchmarkFailure("usage: SearchBenchmark [--requests N] [--sizes 1000,10000,50000]");
                }
            }
            Path repoRoot = LocalServer.repoRoot();
            System.err.println("Starting the local emulators and the runner...");
            try (LocalServer server = LocalServer.start(repoRoot, 0,
                    EmulatorStack.start(repoRoot, repoRoot.resolve("bench/target/search-emulators")), false)) {
                status = new SearchBenchmark(server, requests).run(sizes) ? 0 : 1;
            }
        } catch (BenchmarkFailure e) {
            System.err.println("\nSEARCH BENCHMARK FAILED: " + e.getMessage());
        } catch (Exception | Error e) {
            System.err.println("\nSEARCH BENCHMARK FAILED:");
            e.printStackTrace();
        }
        System.exit(status);
    }

    private boolean run(int[] sizes) throws Exception {
        long started = System.currentTimeMillis();
        String loadBefore = Machine.loadAverage();
        List<Row> rows = new ArrayList<>();
        try (DynamoDbClient floorClient = EmulatorStack.dynamoClient(server.stack().endpoints().dynamodb())) {
            for (int size : sizes) {
                rows.add(measure(size, floorClient));
            }
        }
        report(rows, started, loadBefore);
        return true;
    }

    private Row measure(int size, DynamoDbClient floorClient) throws Exception {
        long seedStart = System.nanoTime();
        seed(size);
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
        System.err.printf("%,d schedules / %,d users seeded in %.1f s%n", schedules, users, seedMillis / 1e3);

        long searcher = idBase + 1; // the first seeded user
        String jwt = tokens.issue(searcher).token();

        // Floor: a bare consistent GetItem of a user item.
        GetItemRequest get = GetItemRequest.builder().tableName(table.name())
                .key(Item.key(Keys.user(searcher), "USER").map()).consistentRead(true).build();
        Latencies floor = Latencies.floor(floorClient, get, requests * 2);

        // The functions' indexes read the new schedules on their next refresh; the warm-up pays for that.
        Calls query = i -> search(jwt, Json.object().put("query", WORDS[(i * 7) % WORDS.length]));
        Calls skillsPrice = i -> {
            ObjectNode body = Json.object().put("price_from", 20).put("price_to", 80);
            body.putArray("skills").add(1 + (i * 13) % SKILLS).add(1 + (i * 17 + 5) % SKILLS);
            return search(jwt, body);
        };
        Calls daysHours = i -> {
            ObjectNode body = Json.object();
            body.putArray("days").add(i % 7);
            body.putObject("hours").put("start", String.format("%02d:00", 8 + i % 8)).put("end", String.format("%02d:00", 10 + i % 8));
            return search(jwt, body);
        };
        Latencies.time("warm-up", 100, query);
        Latencies.time("warm-up", 100, skillsPrice);
        Latencies.time("warm-up", 100, daysHours);
        Latencies q = Latencies.time("query", requests, query);
        Latencies sp = Latencies.time("skills+price", requests, skillsPrice);
        Latencies dh = Latencies.time("days+hours", requests, daysHours);

        // Cold index: a new instance's first search (the whole feed read, then the search), in this JVM.
        long[] cold = new long[3];
        long heap = 0;
        ScheduleSearch fresh = null;
        for (int i = 0; i < cold.length; i++) {
            fresh = new ScheduleSearch(table, Clock.systemUTC(), 60_000);
            long before = usedHeap();
            long t0 = System.nanoTime();
            fresh.search(SearchQuery.from(Json.object().put("query", "piano")));
            cold[i] = System.nanoTime() - t0;
            long after = usedHeap();
            heap = Math.max(heap, after - before);
            if (fresh.indexedSchedules() < schedules) {
                throw new BenchmarkFailure("the cold index holds " + fresh.indexedSchedules() + " of " + schedules);
            }
        }
        Arrays.sort(cold);
        // The engine alone: the warm index of the last cold load, in this JVM (no HTTP, no refresh, no JSON).
        ScheduleSearch warm = fresh;
        List<SearchQuery> mix = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            mix.add(SearchQuery.from(Json.object().put("query", WORDS[(i * 7) % WORDS.length])));
            ObjectNode byPrice = Json.object().put("price_from", 20).put("price_to", 80);
            byPrice.putArray("skills").add(1 + (i * 13) % SKILLS).add(1 + (i * 17 + 5) % SKILLS);
            mix.add(SearchQuery.from(byPrice));
            ObjectNode byTime = Json.object();
            byTime.putArray("days").add(i % 7);
            byTime.putObject("hours").put("start", String.format("%02d:00", 8 + i % 8)).put("end", String.format("%02d:00", 10 + i % 8));
            mix.add(SearchQuery.from(byTime));
        }
        Latencies.time("warm-up", 600, i -> () -> { warm.search(mix.get(i % mix.size())); return null; });
        Latencies engine = Latencies.time("engine", requests * 3, i -> () -> { warm.search(mix.get(i % mix.size())); return null; });

        // Booking: the owner of a schedule books it (distinct future days, so none conflicts).
        Latencies booking = null;
        String note = null;
        long owner = idBase + 2;
        long scheduleId = idBase + 1_000_000_000L + 1; // the first seeded schedule, owned by user #2
        String ownerJwt = tokens.issue(owner).token();
        AtomicInteger day = bookingDay;
        HttpResponse<String> probe = book(ownerJwt, scheduleId, day.getAndIncrement());
        if (probe.statusCode() == 404 && probe.body().contains("\"Not found.\"")) {
            note = "skipped: POST /api/schedules/{id}/events is not served yet (" + probe.statusCode() + " " + probe.body() + ")";
        } else if (probe.statusCode() != 201 && probe.statusCode() != 200) {
            note = "skipped: the booking answered " + probe.statusCode() + " " + ApiClient.abbreviate(probe.body());
        } else {
            int expected = probe.statusCode();
            Calls bookings = i -> () -> ApiClient.status(book(ownerJwt, scheduleId, day.getAndIncrement()), expected);
            Latencies.time("warm-up", 50, bookings);
            booking = Latencies.time("booking", requests, bookings);
        }
        System.err.printf("%,d: floor p50 %.2f ms; query p99 %.2f, skills+price p99 %.2f, days+hours p99 %.2f ms; cold %.0f ms%n",
                size, floor.p(50), q.p(99), sp.p(99), dh.p(99), cold[1] / 1e6);
        return new Row(schedules, users, floor, q, sp, dh, new Latencies("cold", cold), booking, note, heap, seedMillis, engine);
    }

    // ------------------------------------------------------------------ seeding

    /** Adds users and schedules until there are {@code size} schedules and {@code size / 5} users. */
    private void seed(int size) throws Exception {
        List<Item> items = new ArrayList<>();
        Instant now = Instant.now();
        int wantUsers = Math.max(2, size / 5);
        for (int u = users + 1; u <= wantUsers; u++) {
            items.add(userItem(idBase + u, now));
        }
        int firstUser = users;
        users = wantUsers;
        for (int s = schedules + 1; s <= size; s++) {
            long owner = idBase + 1 + ((s - 1) % users);
            if (s == 1) {
                owner = idBase + 2; // the booking schedule's owner
            }
            items.add(UserScheduleRepository.toItem(schedule(idBase + 1_000_000_000L + s, owner, s, now)));
        }
        schedules = size;
        if (firstUser == 0) {
            System.err.printf("Seeding %,d users and %,d schedules...%n", users, size);
        }
        Seeding.write(table, items);
    }

    private Item userItem(long id, Instant now) {
        String at = Timestamps.record(now);
        ArrayNode skills = Json.array();
        skills.addObject().put("label", WORDS[random.nextInt(WORDS.length)]);
        skills.addObject().put("label", WORDS[random.nextInt(WORDS.length)]);
        return Item.key(Keys.user(id), "USER").s("type", "user").n("id", id)
                .s("email", "bench-" + id + "@example.com").s("name", "Person " + WORDS[random.nextInt(WORDS.length)] + " " + id)
                .s("timezone", ZONES[random.nextInt(ZONES.length)]).bool("banned", false).s("created_at", at)
                .s("updated_at", at).s("email_verified_at", at).s("skills", Json.write(skills))
                .s(Table.GSI1_PK, Keys.SEARCH_FEED_USERS).s(Table.GSI1_SK, UserRepository.searchFeedSortKey(id, at));
    }

    private UserSchedule schedule(long id, long owner, int n, Instant now) {
        ObjectNode settings = Json.object();
        if (random.nextInt(3) > 0) {
            ArrayNode days = settings.putArray("days");
            int from = random.nextInt(7);
            for (int d = 0; d < 1 + random.nextInt(5); d++) {
                days.add((from + d) % 7);
            }
        }
        if (n == 1 || random.nextInt(4) > 0) {
            int start = 6 + random.nextInt(6);
            settings.putObject("hours").put("start", String.format("%02d:00", n == 1 ? 0 : start))
                    .put("end", n == 1 ? "24:00" : String.format("%02d:00", start + 4 + random.nextInt(9)));
        }
        if (n == 1) {
            settings.remove("days");
        }
        ArrayNode skills = Json.array();
        for (int k = 0; k < 1 + random.nextInt(3); k++) {
            int skill = 1 + random.nextInt(SKILLS);
            skills.addObject().put("label", WORDS[skill % WORDS.length]).put("value", skill);
        }
        String a = WORDS[random.nextInt(WORDS.length)];
        String b = WORDS[random.nextInt(WORDS.length)];
        String label = Character.toUpperCase(a.charAt(0)) + a.substring(1) + " and " + b + " sessions";
        String description = "Private " + a + " lessons for all levels; " + WORDS[random.nextInt(WORDS.length)]
                + " and " + WORDS[random.nextInt(WORDS.length)] + " on request.";
        boolean priced = random.nextInt(10) > 0;
        BigDecimal price = priced ? BigDecimal.valueOf(5 + random.nextInt(196)) : null;
        Instant created = now.minus(Duration.ofMinutes(random.nextInt(525_600)));
        Instant updated = now.plusNanos(n * 1000L); // written now: the functions' refresh sees the burst
        return new UserSchedule(id, owner, null, 1 + random.nextInt(3), label, null, description, random.nextInt(3) * 10,
                n != 1 && random.nextInt(10) == 0, ZONES[random.nextInt(ZONES.length)], null, null,
                random.nextBoolean() ? 60 : 30, price, priced ? CURRENCIES[random.nextInt(CURRENCIES.length)] : null,
                settings, skills, List.of(), null, null, null, null, null, UserSchedule.STATUS_ACTIVE, created, updated);
    }

    // ------------------------------------------------------------------ calls

    private Call search(String jwt, ObjectNode body) {
        HttpRequest request = api.request("POST", "/api/schedules/search", jwt, body);
        return () -> ApiClient.status(api.send(request), 200);
    }

    private HttpResponse<String> book(String jwt, long scheduleId, int dayOffset) throws Exception {
        ObjectNode body = Json.object().put("date", LocalDate.of(2027, 1, 1).plusDays(dayOffset).toString())
                .put("start", "10:00").put("duration", 60).put("label", "bench booking");
        return api.send("POST", "/api/schedules/" + scheduleId + "/events", jwt, body);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    // ------------------------------------------------------------------ report

    private void report(List<Row> rows, long started, String loadBefore) {
        System.out.println();
        System.out.println("SEARCH: POST /api/schedules/search through the local runner (one client, sequential requests)");
        System.out.printf("date:     %s; run took %.0f s%n", Instant.ofEpochMilli(started), (System.currentTimeMillis() - started) / 1e3);
        System.out.printf("machine:  %s; load average before %s, after %s%n", Machine.describe(" (nproc)"), loadBefore,
                Machine.loadAverage());
        System.out.printf("java:     %s %s; max heap %,d MB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf("requests: %d per phase after warm-up; ~90%% of schedules public, ~90%% priced, %d skills, %d words%n",
                requests, SKILLS, WORDS.length);
        System.out.println();
        System.out.printf("%-9s %-7s %-10s | %-15s | %-15s | %-15s | %-15s | %-15s | %-15s | %-9s | %s%n", "schedules", "users",
                "floor p50", "query p50/p99", "skills+price", "days+hours", "engine only", "cold load", "booking", "index MB",
                "worst search p99 / floor p50");
        for (Row r : rows) {
            double worst = Math.max(r.query().p(99), Math.max(r.skillsPrice().p(99), r.daysHours().p(99)));
            System.out.printf("%-9s %-7s %7.2f ms | %6.2f / %6.2f | %6.2f / %6.2f | %6.2f / %6.2f | %6.2f / %6.2f | %6.0f / %6.0f | %s | %9.1f | %.1fx %s%n",
                    String.format("%,d", r.schedules()), String.format("%,d", r.users()), r.floor().p(50),
                    r.query().p(50), r.query().p(99), r.skillsPrice().p(50), r.skillsPrice().p(99),
                    r.daysHours().p(50), r.daysHours().p(99), r.engine().p(50), r.engine().p(99), r.cold().p(50), r.cold().p(100),
                    r.booking() == null ? "    skipped    " : String.format("%6.2f / %6.2f", r.booking().p(50), r.booking().p(99)),
                    r.heapBytes() / (1024.0 * 1024.0), worst / r.floor().p(50),
                    worst / r.floor().p(50) < TARGET_RATIO ? "(target < 10x: met)" : "(target < 10x: MISSED)");
        }
        System.out.println();
        System.out.println("all times in ms. floor = a bare consistent GetItem from a plain SDK client (URL connection)");
        System.out.println("to the same dynoxide; searches include HTTP, the local API Gateway emulation, the authorizer");
        System.out.println("(2 GetItems), the refresh of the index when due (SEARCH_REFRESH_MILLIS=1000: 9 Queries");
        System.out.println("once a second) and the JSON of 20 schedules. cold load = a new ScheduleSearch's first search");
        System.out.println("in this JVM (9 partitions of GSI1 read in parallel, all pages; p50 / max of 3). index MB =");
        System.out.println("heap retained by that index (used heap after - before, full GCs around it). engine only = the");
        System.out.println("three kinds of search (a third each) on that warm index in this JVM: filter, sort, page, no HTTP.");
        System.out.println("the runner's JDK HTTP server runs with sun.net.httpserver.nodelay=true (else ~40 ms Nagle stalls).");
        for (Row r : rows) {
            if (r.bookingNote() != null) {
                System.out.printf("booking at %,d: %s%n", r.schedules(), r.bookingNote());
            }
        }
        System.out.println("command: java -cp \"bench/target/classes:$(cat bench/target/classpath.txt)\" "
                + SearchBenchmark.class.getName() + "   (./dev bench search)");
    }
}
