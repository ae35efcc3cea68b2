package com.ceki.search;

import com.ceki.aws.LambdaLog;
import com.ceki.core.json.Json;
import com.ceki.schedules.user.UserSchedule;
import com.ceki.schedules.user.UserScheduleRepository;
import com.ceki.storage.Item;
import com.ceki.storage.Table;
import com.ceki.users.User;
import com.ceki.users.UserRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory index of one function instance over the search feed (GSI1): the 8 schedule shards
 * {@code SEARCH_FEED#SCHEDULES#<id mod 8>} and {@code SEARCH_FEED#USERS}, both sorted by {@code <updated_at>#<n16 id>}.
 *
 * <p>Loaded whole on first use ({@link SearchFeed#all}); afterwards, before a search, when the last refresh is older
 * than the refresh interval, it applies {@link SearchFeed#changes}. An item is applied only if its {@code updated_at}
 * is at least the one held (re-reading the feed's overlap is harmless).
 *
 * <p>Thread-safe: refreshes are serialised (a search that arrives while one runs waits for it and then uses it);
 * searches read under a read lock, refreshes apply their items under the write lock.
 */
final class SearchIndex {

    static final Comparator<IndexedSchedule> BY_ID = Comparator.comparingLong(d -> d.id);
    static final Comparator<IndexedSchedule> BY_UPDATED =
            Comparator.<IndexedSchedule>comparingLong(d -> d.updatedMicros).thenComparingLong(d -> d.id);
    static final Comparator<IndexedSchedule> BY_CREATED =
            Comparator.<IndexedSchedule>comparingLong(d -> d.createdMicros).thenComparingLong(d -> d.id);
    /** Only for schedules with a price; those without one come after them in either direction. */
    static final Comparator<IndexedSchedule> BY_PRICE =
            Comparator.<IndexedSchedule, BigDecimal>comparing(d -> d.price).thenComparingLong(d -> d.id);

    /** What the last full load did (for the benchmark and the logs). */
    record LoadStats(int schedules, int users, int fallbackUsers, long readMillis, long millis) {}

    private final SearchFeed feed;
    private final long refreshNanos;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // ---- guarded by lock
    private final Map<Long, IndexedSchedule> schedules = new HashMap<>();
    private final Map<Long, IndexedOwner> owners = new HashMap<>();
    private final TreeMap<String, Set<Long>> scheduleTokens = new TreeMap<>();
    private final TreeMap<String, Set<Long>> ownerTokens = new TreeMap<>();
    private final TreeSet<IndexedSchedule> byUpdated = new TreeSet<>(BY_UPDATED);
    private final TreeSet<IndexedSchedule> byCreated = new TreeSet<>(BY_CREATED);
    private final TreeSet<IndexedSchedule> byPrice = new TreeSet<>(BY_PRICE);
    private final TreeSet<IndexedSchedule> unpriced = new TreeSet<>(BY_ID);
    /** Skill id to the visible schedules that have it. */
    private final Map<Long, Set<Long>> bySkill = new HashMap<>();
    /**
     * The sorted sets as arrays (walking an array is several times faster than a tree), rebuilt under the write lock
     * after a load or refresh that changed anything: O(n) copies, at most once per refresh interval.
     */
    private IndexedSchedule[] updatedOrder = new IndexedSchedule[0];
    private IndexedSchedule[] createdOrder = new IndexedSchedule[0];
    private IndexedSchedule[] priceOrder = new IndexedSchedule[0];
    private IndexedSchedule[] unpricedOrder = new IndexedSchedule[0];

    // ---- guarded by refreshLock
    private final Object refreshLock = new Object();
    private volatile boolean loaded;
    private volatile long lastRefreshStartNanos;
    private volatile LoadStats lastLoad;

    SearchIndex(Table table, Clock clock, long refreshMillis) {
        this.feed = new SearchFeed(table, clock);
        this.refreshNanos = Math.max(0, refreshMillis) * 1_000_000L;
    }

    // ------------------------------------------------------------------ keeping current

    /** Loads the index on first use; afterwards refreshes it when the last refresh is older than the interval. */
    void ensureFresh() {
        long arrived = System.nanoTime();
        if (loaded && refreshNanos > 0 && arrived - lastRefreshStartNanos < refreshNanos) {
            return;
        }
        synchronized (refreshLock) {
            if (!loaded) {
                load();
                return;
            }
            // A refresh that started after this search arrived has seen everything written before it arrived.
            if (lastRefreshStartNanos - arrived >= 0) {
                return;
            }
            if (refreshNanos > 0 && System.nanoTime() - lastRefreshStartNanos < refreshNanos) {
                return;
            }
            refresh();
        }
    }

    /** Drops everything; the next search loads the index again (tests, benchmarks). */
    void reset() {
        synchronized (refreshLock) {
            lock.writeLock().lock();
            try {
                schedules.clear();
                owners.clear();
                scheduleTokens.clear();
                ownerTokens.clear();
                byUpdated.clear();
                byCreated.clear();
                byPrice.clear();
                unpriced.clear();
                bySkill.clear();
                rebuildOrders();
            } finally {
                lock.writeLock().unlock();
            }
            feed.forget();
            loaded = false;
        }
    }

    private void load() {
        long started = System.nanoTime();
        lastRefreshStartNanos = started;
        Map<String, List<Item>> pages = feed.all();
        long read = (System.nanoTime() - started) / 1_000_000;
        int scheduleCount = 0;
        int userCount = 0;
        lock.writeLock().lock();
        try {
            for (String partition : feed.partitions()) { // users first, so that schedules find their owners known
                List<Item> items = pages.get(partition);
                if (SearchFeed.isUsers(partition)) {
                    userCount += items.size();
                } else {
                    scheduleCount += items.size();
                }
                for (Item item : items) {
                    apply(partition, item);
                }
            }
            rebuildOrders();
        } finally {
            lock.writeLock().unlock();
        }
        int fallback = loadOwnersMissingFromFeed();
        loaded = true;
        lastLoad = new LoadStats(scheduleCount, userCount, fallback, read, (System.nanoTime() - started) / 1_000_000);
        LambdaLog.line(null, "search index loaded: " + lastLoad); // the cold-load cost, once per instance
    }

    private void refresh() {
        lastRefreshStartNanos = System.nanoTime();
        Map<String, List<Item>> found = feed.changes();
        boolean any = found.values().stream().anyMatch(l -> !l.isEmpty());
        if (!any) {
            return;
        }
        lock.writeLock().lock();
        try {
            for (String partition : feed.partitions()) {
                for (Item item : found.get(partition)) {
                    apply(partition, item);
                }
            }
            rebuildOrders();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Owners of indexed schedules whose user item is not in the feed (written before the feed existed): read once with
     * BatchGetItem. Their later changes reach the feed like anyone's. A failure leaves them unknown (not banned, no
     * name) rather than failing the search.
     */
    private int loadOwnersMissingFromFeed() {
        List<Long> missing;
        lock.readLock().lock();
        try {
            missing = owners.values().stream().filter(o -> !o.known()).map(o -> o.id).toList();
        } finally {
            lock.readLock().unlock();
        }
        if (missing.isEmpty()) {
            return 0;
        }
        Map<Long, User> users;
        try {
            users = feed.users(missing);
        } catch (RuntimeException e) {
            LambdaLog.line(null, "WARN search index: cannot read " + missing.size() + " schedule owners missing from the feed: " + e);
            return 0;
        }
        lock.writeLock().lock();
        try {
            users.values().forEach(this::applyUser);
        } finally {
            lock.writeLock().unlock();
        }
        return users.size();
    }

    // ------------------------------------------------------------------ applying items (write lock held)

    private void apply(String partition, Item item) {
        if (SearchFeed.isUsers(partition)) {
            if (!"user".equals(item.string("type"))) {
                return;
            }
            applyUser(UserRepository.fromItem(item));
        } else if ("user_schedule".equals(item.string("type"))) {
            applySchedule(UserScheduleRepository.toSchedule(item));
        }
    }

    private void applyUser(User user) {
        IndexedOwner owner = owners.computeIfAbsent(user.id(), IndexedOwner::new);
        Instant updated = user.updatedAt() == null ? Instant.EPOCH : user.updatedAt();
        if (owner.updatedAt != null && updated.isBefore(owner.updatedAt)) {
            return;
        }
        owner.updatedAt = updated;
        owner.name = user.name();
        owner.banned = user.banned();
        Set<String> tokens = new LinkedHashSet<>(Tokens.of(user.name()));
        for (String label : labels(user.skills())) {
            Tokens.addAll(tokens, label);
        }
        if (!tokens.equals(owner.tokens)) {
            unindexTokens(ownerTokens, owner.tokens, owner.id);
            owner.tokens = Set.copyOf(tokens);
            indexTokens(ownerTokens, owner.tokens, owner.id);
        }
    }

    private void applySchedule(UserSchedule s) {
        IndexedSchedule held = schedules.get(s.id());
        if (held != null && s.updatedAt().isBefore(held.schedule.updatedAt())) {
            return;
        }
        IndexedOwner owner = owners.computeIfAbsent(s.userId(), IndexedOwner::new);
        if (held != null) {
            remove(held);
        }
        IndexedSchedule doc = new IndexedSchedule(s, owner);
        schedules.put(doc.id, doc);
        if (doc.visible) {
            owner.visibleSchedules.add(doc.key);
            indexTokens(scheduleTokens, doc.tokens, doc.key);
            for (long skill : doc.skillIds) {
                bySkill.computeIfAbsent(skill, k -> new HashSet<>()).add(doc.key);
            }
            byUpdated.add(doc);
            byCreated.add(doc);
            (doc.price == null ? unpriced : byPrice).add(doc);
        }
    }

    private void remove(IndexedSchedule doc) {
        schedules.remove(doc.id);
        if (doc.visible) {
            doc.owner.visibleSchedules.remove(doc.id);
            unindexTokens(scheduleTokens, doc.tokens, doc.id);
            for (long skill : doc.skillIds) {
                Set<Long> ids = bySkill.get(skill);
                if (ids != null && ids.remove(doc.id) && ids.isEmpty()) {
                    bySkill.remove(skill);
                }
            }
            byUpdated.remove(doc);
            byCreated.remove(doc);
            (doc.price == null ? unpriced : byPrice).remove(doc);
        }
    }

    private void rebuildOrders() {
        updatedOrder = byUpdated.toArray(new IndexedSchedule[0]);
        createdOrder = byCreated.toArray(new IndexedSchedule[0]);
        priceOrder = byPrice.toArray(new IndexedSchedule[0]);
        unpricedOrder = unpriced.toArray(new IndexedSchedule[0]);
    }

    private static void indexTokens(TreeMap<String, Set<Long>> index, Set<String> tokens, Long id) {
        for (String token : tokens) {
            index.computeIfAbsent(token, t -> new HashSet<>(4)).add(id);
        }
    }

    private static void unindexTokens(TreeMap<String, Set<Long>> index, Set<String> tokens, long id) {
        for (String token : tokens) {
            Set<Long> ids = index.get(token);
            if (ids != null && ids.remove(id) && ids.isEmpty()) {
                index.remove(token);
            }
        }
    }

    /** The labels of a stored profile list ({@code [{"label": ...}]}); malformed JSON counts as none. */
    static List<String> labels(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            JsonNode list = Json.parse(json);
            List<String> labels = new ArrayList<>();
            if (list.isArray()) {
                for (JsonNode item : list) {
                    JsonNode label = item.isObject() ? item.get("label") : item;
                    if (label != null && label.isValueNode() && !label.isNull()) {
                        labels.add(label.asText());
                    }
                }
            }
            return labels;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------ searching (read lock)

    SearchResult search(SearchQuery q) {
        lock.readLock().lock();
        try {
            Set<Long> candidates = intersect(candidates(q.words()), skillCandidates(q.skills()));
            long from = (q.page() - 1) * q.perPage();
            long to = from + q.perPage();
            List<IndexedSchedule> page = new ArrayList<>(q.perPage());
            long total = 0;
            int visible = updatedOrder.length;
            if (candidates != null && (long) candidates.size() * 8 < visible) {
                // Few candidates (words, skills): filter them and sort what is left.
                List<IndexedSchedule> matches = new ArrayList<>();
                for (Long id : candidates) {
                    IndexedSchedule doc = schedules.get(id);
                    if (doc != null && doc.visible && matches(doc, q)) {
                        matches.add(doc);
                    }
                }
                matches.sort(order(q));
                total = matches.size();
                for (long i = from; i < Math.min(to, total); i++) {
                    page.add(matches.get((int) i));
                }
            } else {
                // Walk the schedules in the requested order, counting matches and keeping the page's.
                for (IndexedSchedule[] part : walk(q)) {
                    int step = q.descending() ? -1 : 1;
                    for (int i = q.descending() ? part.length - 1 : 0; i >= 0 && i < part.length; i += step) {
                        IndexedSchedule doc = part[i];
                        if ((candidates == null || candidates.contains(doc.key)) && matches(doc, q)) {
                            if (total >= from && total < to) {
                                page.add(doc);
                            }
                            total++;
                        }
                    }
                }
            }
            List<SearchResult.Hit> hits = new ArrayList<>(page.size());
            for (IndexedSchedule doc : page) {
                hits.add(new SearchResult.Hit(doc.schedule, doc.owner.id, doc.owner.name, doc.price, doc.currency));
            }
            return new SearchResult(hits, q.page(), q.perPage(), total);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The visible schedules with any of the skills, or null when not filtered. */
    private Set<Long> skillCandidates(Set<Long> skills) {
        if (skills == null) {
            return null;
        }
        Set<Long> ids = new HashSet<>();
        for (Long skill : skills) {
            ids.addAll(bySkill.getOrDefault(skill, Set.of()));
        }
        return ids;
    }

    private static Set<Long> intersect(Set<Long> a, Set<Long> b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        Set<Long> smaller = a.size() <= b.size() ? a : b;
        Set<Long> larger = smaller == a ? b : a;
        smaller.retainAll(larger);
        return smaller;
    }

    /** Public active schedules of a user (their profile's {@code active_schedules_count}). */
    int visibleSchedules(long userId) {
        lock.readLock().lock();
        try {
            IndexedOwner owner = owners.get(userId);
            return owner == null ? 0 : owner.visibleSchedules.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return schedules.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The schedules every word prefix-matches (a token of the schedule, or of its owner), or null for no words. Each
     * word is a range of the sorted token maps, so nothing but the matching tokens is visited.
     */
    private Set<Long> candidates(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        Set<Long> result = null;
        for (String word : words) {
            Set<Long> matched = new HashSet<>();
            for (Set<Long> ids : prefixRange(scheduleTokens, word).values()) {
                matched.addAll(ids);
            }
            for (Set<Long> ownerIds : prefixRange(ownerTokens, word).values()) {
                for (Long ownerId : ownerIds) {
                    IndexedOwner owner = owners.get(ownerId);
                    if (owner != null) {
                        matched.addAll(owner.visibleSchedules);
                    }
                }
            }
            if (result == null) {
                result = matched;
            } else {
                Set<Long> smaller = result.size() <= matched.size() ? result : matched;
                Set<Long> larger = smaller == result ? matched : result;
                smaller.retainAll(larger);
                result = smaller;
            }
            if (result.isEmpty()) {
                break;
            }
        }
        return result;
    }

    private static NavigableMap<String, Set<Long>> prefixRange(TreeMap<String, Set<Long>> index, String prefix) {
        return index.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    /** The arrays to walk, each in ascending order (walked backwards when descending); unpriced last for price. */
    private List<IndexedSchedule[]> walk(SearchQuery q) {
        return switch (q.sortBy()) {
            case UPDATED_AT -> List.<IndexedSchedule[]>of(updatedOrder);
            case CREATED_AT -> List.<IndexedSchedule[]>of(createdOrder);
            case PRICE -> List.<IndexedSchedule[]>of(priceOrder, unpricedOrder);
        };
    }

    private static Comparator<IndexedSchedule> order(SearchQuery q) {
        Comparator<IndexedSchedule> c = switch (q.sortBy()) {
            case UPDATED_AT -> BY_UPDATED;
            case CREATED_AT -> BY_CREATED;
            case PRICE -> Comparator.<IndexedSchedule, Boolean>comparing(d -> d.price == null) // priced first, always
                    .thenComparing(q.descending() ? BY_PRICE_NULLS.reversed() : BY_PRICE_NULLS);
        };
        if (q.sortBy() == SearchQuery.SortBy.PRICE) {
            return c;
        }
        return q.descending() ? c.reversed() : c;
    }

    private static final Comparator<IndexedSchedule> BY_PRICE_NULLS = Comparator
            .<IndexedSchedule, BigDecimal>comparing(d -> d.price, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(d -> d.id);

    /** Every filter of the query except words and skills (answered by the token and skill maps); banned owners never. */
    static boolean matches(IndexedSchedule d, SearchQuery q) {
        if (q.typeId() != null && d.typeId != q.typeId()) {
            return false;
        }
        if (q.kalId() != null && !q.kalId().equals(d.kalId)) {
            return false;
        }
        if (q.start() != null && d.endSecond < q.start().getEpochSecond()) {
            return false;
        }
        if (q.end() != null && d.startSecond > q.end().getEpochSecond()) {
            return false;
        }
        if (q.msp() != null && d.msp < q.msp()) {
            return false;
        }
        if (q.timezone() != null && !q.timezone().equals(d.timezone)) {
            return false;
        }
        if (q.priceFrom() != null || q.priceTo() != null) {
            if (d.price == null) {
                return false;
            }
            if (q.priceFrom() != null && d.price.compareTo(q.priceFrom()) < 0) {
                return false;
            }
            if (q.priceTo() != null && d.price.compareTo(q.priceTo()) > 0) {
                return false;
            }
        }
        if (q.duration() != null && d.duration != q.duration()) {
            return false;
        }
        if (q.currency() != null && !q.currency().equals(d.currency)) {
            return false;
        }
        if (q.daysMask() != 0 && (d.daysMask & q.daysMask()) == 0) {
            return false;
        }
        if (q.hoursFrom() >= 0 && (d.hoursFrom > q.hoursFrom() || d.hoursTo < q.hoursTo())) {
            return false;
        }
        return !d.owner.banned;
    }
}
