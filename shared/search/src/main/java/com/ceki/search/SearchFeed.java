package com.ceki.search;

import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.users.User;
import com.ceki.users.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The search feed in DynamoDB, as the index reads it: the GSI1 partitions {@code SEARCH_FEED#SCHEDULES#<0..7>} and
 * {@code SEARCH_FEED#USERS}, sorted by {@code <updated_at>#<n16 id>}. {@link #all} reads them whole, in parallel;
 * {@link #changes} reads what changed since each partition's previous query started (reader clock, capped by now,
 * for clocks set back) minus {@link #OVERLAP}: GSI replication is asynchronous and writers' clocks race, so a write
 * can surface a little after a query that its timestamp says should have seen it. Not thread-safe: the index calls
 * it from one refresh at a time.
 */
final class SearchFeed {

    static final Duration OVERLAP = Duration.ofSeconds(5);
    /** Partitions queried at once: a cold load reads all 9 together; a refresh stays within the SDK's 5 kept-alive connections. */
    private static final int LOAD_PARALLELISM = Keys.SEARCH_FEED_SHARDS + 1;
    private static final int REFRESH_PARALLELISM = 4;

    private final Table table;
    private final Clock clock;
    private final List<String> partitions;
    private final Map<String, Instant> previousQueryStart = new HashMap<>();
    private ExecutorService workers;

    SearchFeed(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
        List<String> names = new ArrayList<>();
        names.add(Keys.SEARCH_FEED_USERS); // first: schedules applied after it find their owners known
        for (int shard = 0; shard < Keys.SEARCH_FEED_SHARDS; shard++) {
            names.add(Keys.searchFeedSchedules(shard));
        }
        this.partitions = List.copyOf(names);
    }

    /** The partitions in the order their items should be applied (users first). */
    List<String> partitions() {
        return partitions;
    }

    static boolean isUsers(String partition) {
        return partition.equals(Keys.SEARCH_FEED_USERS);
    }

    /** Every item of every partition. */
    Map<String, List<Item>> all() {
        return fetch(partitions, true, LOAD_PARALLELISM);
    }

    /** The items of every partition changed since its previous query (minus the overlap). */
    Map<String, List<Item>> changes() {
        return fetch(partitions, false, REFRESH_PARALLELISM);
    }

    /** Users by id, read directly (owners whose user item predates the feed). */
    Map<Long, User> users(List<Long> ids) {
        return new UserRepository(table).findAll(ids);
    }

    /** Forgets the previous queries: the next read is {@link #all} again. */
    void forget() {
        previousQueryStart.clear();
    }

    /**
     * Every item of each partition (cold load) or those changed since its previous query (refresh). The partitions'
     * query start times move on only when every query succeeded, so a failed refresh is redone whole.
     */
    private Map<String, List<Item>> fetch(List<String> names, boolean whole, int parallelism) {
        Map<String, String> since = new HashMap<>();
        Instant now = clock.instant();
        if (!whole) {
            for (String partition : names) {
                Instant previous = previousQueryStart.getOrDefault(partition, now);
                Instant from = (previous.isBefore(now) ? previous : now).minus(OVERLAP);
                since.put(partition, Timestamps.record(from));
            }
        }
        ExecutorService pool = workers();
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < Math.min(parallelism, names.size()); i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < names.size(); i++) {
            groups.get(i % groups.size()).add(names.get(i));
        }
        List<Future<Map<String, List<Item>>>> futures = new ArrayList<>();
        for (List<String> group : groups) {
            futures.add(pool.submit(() -> {
                Map<String, List<Item>> out = new HashMap<>();
                for (String partition : group) {
                    out.put(partition, query(partition, since.get(partition)));
                }
                return out;
            }));
        }
        Map<String, List<Item>> all = new HashMap<>();
        try {
            for (Future<Map<String, List<Item>>> f : futures) {
                all.putAll(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search index refresh interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("search index refresh failed", e.getCause());
        }
        names.forEach(partition -> previousQueryStart.put(partition, now));
        return all;
    }

    private List<Item> query(String partition, String since) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table.name()).indexName(Table.GSI1);
        if (since == null) {
            q.keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(Map.of(":pk", Item.attr(partition)));
        } else {
            q.keyConditionExpression("GSI1PK = :pk AND GSI1SK > :since")
                    .expressionAttributeValues(Map.of(":pk", Item.attr(partition), ":since", Item.attr(since)));
        }
        return Queries.all(table, q.build());
    }

    private synchronized ExecutorService workers() {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(LOAD_PARALLELISM, r -> {
                Thread t = new Thread(r, "search-index-loader");
                t.setDaemon(true);
                return t;
            });
        }
        return workers;
    }
}
