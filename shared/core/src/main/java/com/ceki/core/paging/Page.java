package com.ceki.core.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a listing: its items, which page of what size it is, and how many items all pages hold. */
public record Page<T>(List<T> items, int page, int perPage, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, perPage, total);
    }

    /** The page of {@code all} (already filtered and sorted) that {@code page} and {@code perPage} ask for. */
    public static <T> Page<T> of(List<T> all, int page, int perPage) {
        long from = (long) (page - 1) * perPage;
        List<T> items = from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + perPage));
        return new Page<>(items, page, perPage, all.size());
    }

    public long lastPage() {
        return Math.max(1, (total + perPage - 1) / perPage);
    }
}
