package com.ceki.search;

import com.ceki.schedules.user.UserSchedule;
import java.math.BigDecimal;
import java.util.List;

/**
 * One page of a schedule search: the schedules of the page in order, each with its owner as the index knew them when
 * the search ran, and the count of every match.
 */
public record SearchResult(List<Hit> hits, long page, int perPage, long total) {

    /**
     * A schedule of the page; its owner's name (null when the index has not read the owner); its effective price and
     * currency (its own, else those of its settings: what the price and currency filters compare).
     */
    public record Hit(UserSchedule schedule, long ownerId, String ownerName, BigDecimal price, String currency) {}

    public SearchResult {
        hits = List.copyOf(hits);
    }

    public List<UserSchedule> schedules() {
        return hits.stream().map(Hit::schedule).toList();
    }

    /** {@code ceil(total / perPage)}: 0 when nothing matched. */
    public long totalPages() {
        return (total + perPage - 1) / perPage;
    }
}
