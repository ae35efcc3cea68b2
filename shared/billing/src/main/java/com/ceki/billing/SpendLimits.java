package com.ceki.billing;

import com.ceki.core.errors.SpendLimitExceeded;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An agent's spend limits (per call, per UTC day, per UTC month, in USD; null is none) and what it spent in the
 * current windows. Every debit adds its USD price to the day's and the month's counter in the debit's own
 * transaction, on condition that a capped window has room, and checks the limits item's version, so that parallel
 * calls never pass a cap and a limit lowered while a call runs holds for it. Refunds take the spend back.
 */
public final class SpendLimits {

    /** The caps, null where there is none; {@code version} 0 when the agent never set any. */
    public record Limits(BigDecimal perCallUsd, BigDecimal dailyUsd, BigDecimal monthlyUsd, long version) {
        public static final Limits NONE = new Limits(null, null, null, 0);

        /** The lower of each cap: a limit lowered during a call holds for it, one raised waits for the next call. */
        Limits tighter(Limits now) {
            return new Limits(min(perCallUsd, now.perCallUsd), min(dailyUsd, now.dailyUsd), min(monthlyUsd, now.monthlyUsd),
                    now.version);
        }

        private static BigDecimal min(BigDecimal a, BigDecimal b) {
            return a == null ? b : b == null ? a : a.min(b);
        }
    }

    /** One window now: its counter's period, the cap (or null), what was spent and when it starts again. */
    public record Window(String name, String period, BigDecimal capUsd, BigDecimal spentUsd, Instant resetsAt) {}

    /** The limits with the current day and month. */
    public record Status(Limits limits, Window day, Window month) {}

    /** The writes a debit adds to its transaction, in order: the day's counter, the month's, the limits check. */
    record DebitWrites(List<TransactWriteItem> writes, Window day, Window month) {
        static final int DAY = 0;
        static final int MONTH = 1;
        static final int LIMITS = 2;
    }

    private static final long DAY_COUNTER_DAYS = 40;
    private static final long MONTH_COUNTER_DAYS = 400;

    private final Table table;
    private final Clock clock;

    public SpendLimits(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** The attributes of the limits item that {@link #parse} reads. */
    static final List<String> ATTRIBUTES = List.of("per_call_usd", "daily_usd", "monthly_usd", "version");

    public Limits limits(long agentId) {
        return parse(Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.SPEND_LIMITS).map()).consistentRead(true)).item()));
    }

    /** The limits of a stored {@link Keys#SPEND_LIMITS} item (empty: none set). */
    static Limits parse(Item item) {
        if (item.isEmpty()) {
            return Limits.NONE;
        }
        return new Limits(item.decimal("per_call_usd"), item.decimal("daily_usd"), item.decimal("monthly_usd"),
                item.number("version"));
    }

    /** Replaces the agent's limits (null: none); a concurrent change is simply the other one winning first. */
    public Limits set(long agentId, BigDecimal perCallUsd, BigDecimal dailyUsd, BigDecimal monthlyUsd) {
        for (int attempt = 0; ; attempt++) {
            Limits current = limits(agentId);
            Limits next = new Limits(perCallUsd, dailyUsd, monthlyUsd, current.version() + 1);
            Item item = Item.key(Keys.agent(agentId), Keys.SPEND_LIMITS).s("type", "spend_limits")
                    .n("version", next.version()).s("updated_at", Timestamps.record(clock.instant()));
            put(item, "per_call_usd", perCallUsd);
            put(item, "daily_usd", dailyUsd);
            put(item, "monthly_usd", monthlyUsd);
            try {
                table.client().putItem(p -> p.tableName(table.name()).item(item.map())
                        .conditionExpression(current.version() == 0 ? "attribute_not_exists(PK)" : "version = :v")
                        .expressionAttributeValues(current.version() == 0 ? null
                                : Map.of(":v", Item.attr(current.version()))));
                return next;
            } catch (ConditionalCheckFailedException raced) {
                if (attempt >= 5) {
                    throw raced;
                }
            }
        }
    }

    public Status status(long agentId) {
        Limits limits = limits(agentId);
        Window day = day(limits);
        Window month = month(limits);
        Map<String, BigDecimal> spent = new HashMap<>();
        List<Item> keys = List.of(Item.key(Keys.agent(agentId), Keys.spend("DAY", day.period())),
                Item.key(Keys.agent(agentId), Keys.spend("MONTH", month.period())));
        for (Item counter : Queries.getAll(table, keys, true)) {
            spent.put(counter.string("SK"), counter.decimal("spent_usd"));
        }
        return new Status(limits, withSpent(day, spent.get(Keys.spend("DAY", day.period()))),
                withSpent(month, spent.get(Keys.spend("MONTH", month.period()))));
    }

    /** The per-call cap, checked before anything is written. */
    void checkPerCall(Limits limits, BigDecimal usd) {
        if (limits.perCallUsd() != null && usd.compareTo(limits.perCallUsd()) > 0) {
            throw new SpendLimitExceeded("per_call", null, limits.perCallUsd(), null);
        }
    }

    /** The counter updates and the limits check a debit of {@code usd} adds to its transaction. */
    DebitWrites debitWrites(long agentId, BigDecimal usd, Limits limits) {
        Window day = day(limits);
        Window month = month(limits);
        List<TransactWriteItem> writes = new ArrayList<>(3);
        writes.add(counter(agentId, "DAY", day, usd));
        writes.add(counter(agentId, "MONTH", month, usd));
        Map<String, AttributeValue> values = limits.version() == 0 ? null : Map.of(":v", Item.attr(limits.version()));
        writes.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.SPEND_LIMITS).map())
                .conditionExpression(limits.version() == 0 ? "attribute_not_exists(PK)" : "version = :v")
                .expressionAttributeValues(values).build()).build());
        return new DebitWrites(writes, day, month);
    }

    /** The writes that give a refunded charge's spend back to the windows it was counted in. */
    List<TransactWriteItem> refundWrites(long agentId, String day, String month, BigDecimal usd) {
        return List.of(giveBack(agentId, Keys.spend("DAY", day), usd), giveBack(agentId, Keys.spend("MONTH", month), usd));
    }

    /** The first capped window a debit of {@code usd} would pass, judged on a read (dry runs and x402 preflight). */
    void checkRoom(long agentId, BigDecimal usd) {
        Status status = status(agentId);
        checkPerCall(status.limits(), usd);
        for (Window window : List.of(status.day(), status.month())) {
            if (window.capUsd() != null && window.spentUsd().add(usd).compareTo(window.capUsd()) > 0) {
                throw exceeded(window);
            }
        }
    }

    static SpendLimitExceeded exceeded(Window window) {
        return new SpendLimitExceeded(window.name(), window.period(), window.capUsd(), window.resetsAt());
    }

    private Window day(Limits limits) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new Window("day", today.toString(), limits.dailyUsd(), BigDecimal.ZERO,
                today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private Window month(Limits limits) {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        return new Window("month", month.toString(), limits.monthlyUsd(), BigDecimal.ZERO,
                month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private static Window withSpent(Window window, BigDecimal spent) {
        return new Window(window.name(), window.period(), window.capUsd(), spent == null ? BigDecimal.ZERO : spent,
                window.resetsAt());
    }

    /**
     * Adds {@code usd} to a window's counter; a capped window only while what was spent leaves room for it (and not at
     * all when the call alone is more than the cap).
     */
    private TransactWriteItem counter(long agentId, String kind, Window window, BigDecimal usd) {
        long keepDays = kind.equals("DAY") ? DAY_COUNTER_DAYS : MONTH_COUNTER_DAYS;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":usd", Item.attr(usd));
        values.put(":expires", Item.attr(window.resetsAt().plus(keepDays, ChronoUnit.DAYS).getEpochSecond()));
        Update.Builder update = Update.builder().tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.spend(kind, window.period())).map())
                .updateExpression("ADD spent_usd :usd SET expires_at = :expires");
        if (window.capUsd() != null) {
            BigDecimal room = window.capUsd().subtract(usd);
            if (room.signum() < 0) {
                throw exceeded(window); // this one call is more than the whole window allows
            }
            // No arithmetic in condition expressions: the room left for this call is computed here.
            values.put(":room", Item.attr(room));
            update.conditionExpression("attribute_not_exists(spent_usd) OR spent_usd <= :room");
        }
        return TransactWriteItem.builder().update(update.expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem giveBack(long agentId, String sortKey, BigDecimal usd) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(Item.key(Keys.agent(agentId), sortKey).map())
                .updateExpression("ADD spent_usd :minus")
                .expressionAttributeValues(Map.of(":minus", Item.attr(usd.negate()))).build()).build();
    }

    private static void put(Item item, String name, BigDecimal value) {
        if (value != null) {
            item.n(name, value);
        }
    }
}
