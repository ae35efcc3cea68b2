package com.ceki.agents;

import com.ceki.core.errors.NotFound;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The public directory of active agents. The sparse GSI1 partition holds exactly the active agents; a search
 * reads it whole and filters, sorts and pages in memory, which is exact and cheap up to the scale written down
 * in docs/data-model.md, beyond which it wants a search index.
 */
public final class AgentDirectory {

    public enum SortBy {
        NAME("name"), CREATED_AT("created_at"), LAST_ACCESSED_AT("last_accessed_at"), LAST_UPDATED_AT("last_updated_at");

        private final String wire;

        SortBy(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Directory filters; every given list must be fully matched (an agent needs all the requested tags). */
    public record Search(String query, List<String> tags, List<String> skills, List<String> languages,
                         String license, SortBy sortBy, boolean descending, int perPage, int page) {}

    public record Page(List<Agent> agents, int page, int perPage, int total) {}

    private final AgentRepository agents;

    public AgentDirectory(AgentRepository agents) {
        this.agents = agents;
    }

    public Page search(Search search) {
        List<Agent> matches = agents.directory().stream()
                .filter(a -> matches(a, search))
                .sorted(order(search.sortBy(), search.descending()))
                .toList();
        int from = Math.min((search.page() - 1) * search.perPage(), matches.size());
        int to = Math.min(from + search.perPage(), matches.size());
        return new Page(matches.subList(from, to), search.page(), search.perPage(), matches.size());
    }

    /** An active agent; anything else (pending, suspended, unknown) is not found. */
    public Agent activeAgent(long agentId) {
        return agents.find(agentId).filter(Agent::isActive).orElseThrow(() -> new NotFound("Agent not found."));
    }

    private static boolean matches(Agent agent, Search s) {
        AgentProfile p = agent.profile();
        if (s.query() != null && !s.query().isBlank()) {
            String q = s.query().trim().toLowerCase(Locale.ROOT);
            boolean hit = contains(p.name(), q) || contains(p.description(), q) || contains(p.license(), q)
                    || anyContains(p.tags(), q) || anyContains(p.skills(), q) || anyContains(p.languages(), q);
            if (!hit) {
                return false;
            }
        }
        if (s.license() != null && !s.license().isBlank()
                && (p.license() == null || !p.license().equalsIgnoreCase(s.license().trim()))) {
            return false;
        }
        return containsAll(p.tags(), s.tags()) && containsAll(p.skills(), s.skills())
                && containsAll(p.languages(), s.languages());
    }

    private static boolean contains(String text, String lowerNeedle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    private static boolean anyContains(List<String> values, String lowerNeedle) {
        return values != null && values.stream().anyMatch(v -> contains(v, lowerNeedle));
    }

    private static boolean containsAll(List<String> have, List<String> wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        if (have == null) {
            return false;
        }
        List<String> lower = have.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        return wanted.stream().allMatch(w -> lower.contains(w.toLowerCase(Locale.ROOT)));
    }

    /** Orders by the key, missing values last in either direction, then by id for a stable page order. */
    private static Comparator<Agent> order(SortBy sortBy, boolean descending) {
        Comparator<Agent> primary = switch (sortBy) {
            case NAME -> nullsLast(a -> a.profile().name() == null ? null : a.profile().name().toLowerCase(Locale.ROOT), descending);
            case CREATED_AT -> nullsLast(Agent::createdAt, descending);
            case LAST_ACCESSED_AT -> nullsLast(Agent::lastAccessedAt, descending);
            case LAST_UPDATED_AT -> nullsLast(a -> parseOrNull(a.profile().lastUpdatedAt()), descending);
        };
        Comparator<Agent> byId = Comparator.comparingLong(Agent::id);
        return primary.thenComparing(descending ? byId.reversed() : byId);
    }

    private static <T extends Comparable<? super T>> Comparator<Agent> nullsLast(Function<Agent, T> key, boolean descending) {
        Comparator<T> natural = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
        return Comparator.comparing(key, Comparator.nullsLast(natural));
    }

    private static Instant parseOrNull(String dateTime) {
        try {
            return dateTime == null ? null : OffsetDateTime.parse(dateTime).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
