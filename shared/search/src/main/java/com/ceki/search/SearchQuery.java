package com.ceki.search;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.validation.Validator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated schedule search (the reference's {@code POST /api/schedules/search} body): every filter optional and
 * combined with AND; {@code null} means "not filtered". Build one with {@link #from(JsonNode)}, which throws
 * {@link ValidationFailed} naming every failing field (and nothing else happens on a 422).
 *
 * @param words     the lower-cased words of {@code query}; each must prefix-match a token of the schedule or owner
 * @param daysMask  bit {@code d} set for each wanted day of week (0 = Sunday), 0 when not filtered
 * @param hoursFrom the wanted window's start in minutes of the day, or -1 when not filtered (then hoursTo too)
 */
public record SearchQuery(Integer typeId, Long kalId, List<String> words, Instant start, Instant end, Long msp,
                          String timezone, BigDecimal priceFrom, BigDecimal priceTo, Integer duration, String currency,
                          Set<Long> skills, int daysMask, int hoursFrom, int hoursTo, SortBy sortBy, boolean descending,
                          int perPage, long page) {

    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 100;
    public static final int MAX_QUERY = 200;
    /** Far beyond any real page; keeps {@code (page - 1) * perPage} far from overflow. */
    public static final long MAX_PAGE = 10_000_000;
    private static final int MAX_LIST = 1000;

    /** The orders of the reference's {@code sortBy}; ties are broken by id in the same direction. */
    public enum SortBy {
        UPDATED_AT("updated_at"), CREATED_AT("created_at"), PRICE("price");

        private final String field;

        SortBy(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }

        static SortBy of(String field) {
            for (SortBy s : values()) {
                if (s.field.equals(field)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(field);
        }
    }

    public SearchQuery {
        words = List.copyOf(words);
        skills = skills == null ? null : Set.copyOf(skills);
    }

    /** No filter: every public active schedule, newest update first, 20 a page. */
    public static SearchQuery all() {
        return new SearchQuery(null, null, List.of(), null, null, null, null, null, null, null, null, null, 0, -1, -1,
                SortBy.UPDATED_AT, true, DEFAULT_PER_PAGE, 1);
    }

    /** Reads and validates a search body; unknown fields are ignored (as Laravel does), {@code null} = absent. */
    public static SearchQuery from(JsonNode body) {
        Validator v = Validator.of(body);
        Long typeId = v.integer("type_id").between(1, 3).value();
        Long kalId = v.integer("kal_id").min(0).value();
        String query = v.string("query").max(MAX_QUERY).value();
        Long perPage = v.integer("perPage").between(1, MAX_PER_PAGE).value();
        Long page = v.integer("page").between(1, MAX_PAGE).value();
        String sortBy = v.string("sortBy").in("updated_at", "created_at", "price").value();
        Boolean descending = v.bool("descending").value();
        Instant start = instant(v.string("start").dateTime().value());
        Instant end = instant(v.string("end").dateTime().value());
        if (start != null && end != null && end.isBefore(start)) {
            v.fail("end", "The end field must be a date after or equal to start.");
        }
        Long msp = v.integer("msp").min(0).value();
        String timezone = v.string("timezone").max(64).timezone().value();
        BigDecimal priceFrom = v.decimal("price_from").min(BigDecimal.ZERO).value();
        BigDecimal priceTo = v.decimal("price_to").min(BigDecimal.ZERO).value();
        if (priceFrom != null && priceTo != null && priceFrom.compareTo(priceTo) > 0) {
            v.fail("price_to", "The price to field must be greater than or equal to price from.");
        }
        Long duration = v.integer("duration").between(1, 100_000).value();
        String currency = v.string("currency").max(10).value();
        Set<Long> skills = integers(v, "skills", 0, Long.MAX_VALUE);
        Set<Long> days = integers(v, "days", 0, 6);
        int[] hours = {-1, -1};
        v.object("hours").allowOnly(Set.of("start", "end")).fields(h -> {
            String from = h.string("start").required().time().value();
            var toField = h.string("end").required();
            String to = toField.value();
            if (to != null && !to.equals("24:00") && !to.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
                h.fail("end", "The hours.end field must match the format H:i.");
                to = null;
            }
            if (from != null && to != null) {
                if (minutes(from) >= minutes(to)) {
                    h.fail("end", "The hours.end field must be a time after hours.start.");
                } else {
                    hours[0] = minutes(from);
                    hours[1] = minutes(to);
                }
            }
        });
        v.check();
        int mask = 0;
        if (days != null) {
            for (long d : days) {
                mask |= 1 << d;
            }
        }
        return new SearchQuery(typeId == null ? null : typeId.intValue(), kalId, Tokens.of(query), start, end, msp,
                timezone, priceFrom, priceTo, duration == null ? null : duration.intValue(),
                currency == null || currency.isBlank() ? null : currency.trim().toUpperCase(Locale.ROOT),
                skills == null || skills.isEmpty() ? null : skills, mask, hours[0], hours[1],
                sortBy == null ? SortBy.UPDATED_AT : SortBy.of(sortBy), descending == null || descending,
                perPage == null ? DEFAULT_PER_PAGE : perPage.intValue(), page == null ? 1 : page);
    }

    /** An optional array of integers (JSON integers or digit strings) in [min, max], each failure under name.N. */
    private static Set<Long> integers(Validator v, String name, long min, long max) {
        var field = v.objects(name).maxItems(MAX_LIST); // type-checks the array; its items are checked here
        JsonNode list = field.value();
        if (list == null) {
            return null;
        }
        Set<Long> values = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            Long value = null;
            if (item.isIntegralNumber() && item.canConvertToLong()) {
                value = item.longValue();
            } else if (item.isTextual() && item.asText().matches("-?\\d{1,18}")) {
                value = Long.parseLong(item.asText());
            }
            if (value == null) {
                v.fail(name + "." + i, "The " + name + "." + i + " field must be an integer.");
                bad.add(name);
            } else if (value < min || value > max) {
                v.fail(name + "." + i, max == Long.MAX_VALUE
                        ? "The " + name + "." + i + " field must be at least " + min + "."
                        : "The " + name + "." + i + " field must be between " + min + " and " + max + ".");
                bad.add(name);
            } else {
                values.add(value);
            }
        }
        return bad.isEmpty() ? values : null;
    }

    static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    private static Instant instant(String dateTime) {
        return dateTime == null ? null : OffsetDateTime.parse(dateTime).toInstant();
    }
}
