package com.ceki.search;

import com.ceki.schedules.user.UserSchedule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A schedule as the search filters it: every field a filter reads, precomputed once when the schedule enters the
 * index (lower-cased tokens, skill ids, days as a bitmask, hours as minutes, the effective price, duration and
 * currency), plus the schedule itself to render the page. Immutable: a change replaces it.
 */
final class IndexedSchedule {

    static final int ALL_DAYS = 0x7F;
    static final int DAY_MINUTES = 24 * 60;

    final long id;
    /** The id boxed once, for the id sets of the token and skill maps. */
    final Long key;
    final IndexedOwner owner;
    final UserSchedule schedule;
    /** Public and active: the only schedules a search can return. */
    final boolean visible;
    final int typeId;
    final Long kalId;
    final long startSecond;
    final long endSecond;
    final long msp;
    final String timezone;
    /** Top-level {@code price}, else {@code settings.price}; null when neither. */
    final BigDecimal price;
    /** Top-level {@code duration}, else {@code settings.duration}; -1 when neither. */
    final int duration;
    /** Top-level {@code currency}, else {@code settings.currency}, upper-cased; null when neither. */
    final String currency;
    final long[] skillIds;
    final int daysMask;
    final int hoursFrom;
    final int hoursTo;
    final long updatedMicros;
    final long createdMicros;
    final Set<String> tokens;

    IndexedSchedule(UserSchedule s, IndexedOwner owner) {
        this.id = s.id();
        this.key = id;
        this.owner = owner;
        this.schedule = s;
        this.visible = !s.isPrivate() && s.statusId() == UserSchedule.STATUS_ACTIVE;
        this.typeId = s.typeId();
        this.kalId = s.kalId();
        this.startSecond = s.start() == null ? Long.MIN_VALUE : s.start().getEpochSecond();
        this.endSecond = s.end() == null ? Long.MAX_VALUE : s.end().getEpochSecond();
        this.msp = s.msp();
        this.timezone = s.timezone();
        ObjectNode settings = s.settings();
        this.price = s.price() != null ? s.price() : decimal(settings == null ? null : settings.get("price"));
        Long settingsDuration = integer(settings == null ? null : settings.get("duration"));
        this.duration = s.duration() != null ? s.duration() : settingsDuration == null ? -1 : settingsDuration.intValue();
        String cur = s.currency() != null ? s.currency() : text(settings == null ? null : settings.get("currency"));
        this.currency = cur == null ? null : cur.toUpperCase(Locale.ROOT);

        Set<Long> ids = new LinkedHashSet<>();
        Set<String> words = new LinkedHashSet<>();
        Tokens.addAll(words, s.label());
        Tokens.addAll(words, s.description());
        if (s.skills() != null) {
            for (JsonNode skill : s.skills()) {
                Long value = integer(skill.get("value"));
                if (value != null) {
                    ids.add(value);
                }
                Tokens.addAll(words, text(skill.get("label")));
            }
        }
        JsonNode settingSkills = settings == null ? null : settings.get("skills");
        if (settingSkills != null && settingSkills.isArray()) {
            for (JsonNode skill : settingSkills) {
                Long value = integer(skill.get("id"));
                if (value != null) {
                    ids.add(value);
                }
                Tokens.addAll(words, text(skill.get("label")));
            }
        }
        this.skillIds = ids.stream().mapToLong(Long::longValue).sorted().toArray();
        this.tokens = Set.copyOf(words);

        int mask = 0;
        JsonNode days = settings == null ? null : settings.get("days");
        if (days != null && days.isArray()) {
            for (JsonNode day : days) {
                Long d = integer(day);
                if (d != null && d >= 0 && d <= 6) {
                    mask |= 1 << d;
                }
            }
        }
        this.daysMask = mask == 0 ? ALL_DAYS : mask;
        JsonNode hours = settings == null ? null : settings.get("hours");
        int from = 0;
        int to = DAY_MINUTES;
        if (hours != null && hours.isObject()) {
            Integer f = clock(text(hours.get("start")));
            Integer t = clock(text(hours.get("end")));
            if (f != null && t != null && f < t) {
                from = f;
                to = t;
            }
        }
        this.hoursFrom = from;
        this.hoursTo = to;
        this.updatedMicros = micros(s.updatedAt());
        this.createdMicros = micros(s.createdAt());
    }

    static long micros(Instant at) {
        return at == null ? 0 : at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }

    private static Long integer(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(node.asText());
        }
        return null;
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,30}(\\.\\d{1,18})?")) {
            return new BigDecimal(node.asText());
        }
        return null;
    }

    /** "HH:MM" (or "24:00") in minutes of the day; null when not a wall-clock time. */
    private static Integer clock(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals("24:00")) {
            return DAY_MINUTES;
        }
        if (!text.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            return null;
        }
        return SearchQuery.minutes(text);
    }
}
