package com.ceki.search;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * What the search knows of a schedule owner: the tokens of their name and skill labels, whether they are banned, and
 * their public active schedules (for token matches through the owner and {@code active_schedules_count}). Mutable,
 * guarded by the index's lock; schedules keep a reference, so a rename or ban applies to all of them at once.
 */
final class IndexedOwner {

    final long id;
    /** Null until the owner's user item has been read (from the feed or the cold-start fallback). */
    Instant updatedAt;
    String name;
    boolean banned;
    Set<String> tokens = Set.of();
    /** Ids of this owner's visible (public, active) schedules. */
    final Set<Long> visibleSchedules = new HashSet<>();

    IndexedOwner(long id) {
        this.id = id;
    }

    boolean known() {
        return updatedAt != null;
    }
}
