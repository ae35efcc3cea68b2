package com.ceki.search;

import com.ceki.core.config.Config;
import com.ceki.storage.Table;
import java.time.Clock;

/**
 * The platform search over public user schedules ({@code POST /api/schedules/search}, and the agents'
 * {@code POST /api/agent/search/specialists}). No Scan and no per-search Query of the whole feed: each function
 * instance keeps an in-memory index fed from DynamoDB (see {@link SearchIndex}), refreshed before a search when the
 * last refresh is older than {@code SEARCH_REFRESH_MILLIS} (default 1000; 0 = before every search).
 *
 * <p>Returns public ({@code private=false}), active schedules of owners who are not banned, filtered by every filter
 * of the {@link SearchQuery} (AND), sorted and paged. Thread-safe; one instance per function instance.
 */
public final class ScheduleSearch {

    public static final String REFRESH_MILLIS = "SEARCH_REFRESH_MILLIS";
    public static final long DEFAULT_REFRESH_MILLIS = 1000;

    private final SearchIndex index;

    public ScheduleSearch(Table table, Config config, Clock clock) {
        this(table, clock, config.longValue(REFRESH_MILLIS, DEFAULT_REFRESH_MILLIS));
    }

    public ScheduleSearch(Table table, Clock clock, long refreshMillis) {
        this.index = new SearchIndex(table, clock, refreshMillis);
    }

    /** One page of matches (loading or refreshing the index first when due). */
    public SearchResult search(SearchQuery query) {
        index.ensureFresh();
        return index.search(query);
    }

    /** How many public active schedules a user has ({@code active_schedules_count} of their public profile). */
    public int activeScheduleCount(long userId) {
        index.ensureFresh();
        return index.visibleSchedules(userId);
    }

    /** Forgets the index; the next search loads it whole again, as a new function instance would. */
    public void reset() {
        index.reset();
    }

    /** Schedules held (public or not), for the benchmark's report. */
    public int indexedSchedules() {
        return index.size();
    }
}
