package com.ceki.calendars;

import com.ceki.core.time.Timestamps;
import com.ceki.storage.FieldUpdate;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.storage.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * People's kals in their owner's partition: the kal {@code USER#<owner> / KAL#<id>}, its external calendars
 * {@code KAL#<id>#EXTERNAL#<external id>} and its links to other kals {@code KAL#<id>#LINK#<other id>}, so that one
 * Query on {@code begins_with(SK, "KAL#")} reads all of a person's kals with everything linked to them, and another
 * kal of someone else simply does not exist for the caller. The number of kals of a person is kept in
 * {@code USER#<owner> / KAL_COUNT}, and the number of external calendars of a kal on the kal, so that both limits
 * hold under concurrent requests.
 */
public final class KalRepository {

    /** Why a write did not happen. */
    public enum Outcome { WRITTEN, CONDITION_FAILED }

    private final Table table;

    public KalRepository(Table table) {
        this.table = table;
    }

    /** Whether {@code kalId} is one of the person's kals (one consistent GetItem of the key only). */
    public boolean belongsTo(long userId, long kalId) {
        var item = table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.user(userId), Keys.userKal(kalId)).map()).projectionExpression("PK")
                .consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** The person's kal with its external calendars and links (one Query of the kal's own sort-key prefix). */
    public Optional<Kal> find(long userId, long kalId) {
        List<Kal> kals = assemble(query(userId, Keys.userKal(kalId)));
        return kals.stream().filter(k -> k.id() == kalId).findFirst();
    }

    /** All of the person's kals, oldest first (ids grow with time), with their external calendars and links. */
    public List<Kal> owned(long userId) {
        return assemble(query(userId, Keys.KAL_PREFIX));
    }

    /**
     * Writes a new kal and counts it, atomically; {@link Outcome#CONDITION_FAILED} when the id is taken or the
     * person already has {@code maxKals} kals (the caller tells which by reading).
     */
    public Outcome create(Kal kal, int maxKals) {
        Item item = Item.key(Keys.user(kal.userId()), Keys.userKal(kal.id())).s("type", "kal").n("id", kal.id())
                .n("user_id", kal.userId()).s("label", kal.label()).s("description", kal.description())
                .s("slug", kal.slug()).bool("private", kal.isPrivate()).s("timezone", kal.timezone())
                .n("external_count", 0).s("created_at", Timestamps.record(kal.createdAt()))
                .s("updated_at", Timestamps.record(kal.updatedAt()));
        item.map().put("files", files(kal.files()));
        try {
            table.client().transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(item.map())
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table.name())
                            .key(Item.key(Keys.user(kal.userId()), Keys.KAL_COUNT).map())
                            .updateExpression("SET kal_count = if_not_exists(kal_count, :zero) + :one, #type = :type")
                            .conditionExpression("attribute_not_exists(kal_count) OR kal_count < :max")
                            .expressionAttributeNames(Map.of("#type", "type"))
                            .expressionAttributeValues(Map.of(":zero", Item.attr(0), ":one", Item.attr(1),
                                    ":max", Item.attr(maxKals), ":type", Item.attr("kal_count")))).build()));
            return Outcome.WRITTEN;
        } catch (TransactionCanceledException e) {
            if (Transactions.onlyConditionsFailed(e)) {
                return Outcome.CONDITION_FAILED;
            }
            throw e;
        }
    }

    /** How many kals the person has. */
    public long count(long userId) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.user(userId), Keys.KAL_COUNT).map()).consistentRead(true)).item());
        return item.number("kal_count", 0);
    }

    /**
     * Sets the kal's fields ({@code null} values remove the attribute) if the kal still exists; returns the kal
     * without its children, or empty when it does not exist.
     */
    public Optional<Kal> update(long userId, long kalId, KalRules.Input input, Instant now) {
        UpdateItemRequest.Builder request = FieldUpdate.apply(UpdateItemRequest.builder().tableName(table.name())
                .key(Item.key(Keys.user(userId), Keys.userKal(kalId)).map())
                .conditionExpression("attribute_exists(PK)")
                .returnValues(ReturnValue.ALL_NEW), changes(input), Timestamps.record(now));
        try {
            return Optional.of(toKal(Item.from(table.client().updateItem(request.build()).attributes())));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** The attributes an update sets ({@code null}: removed); fields not sent are left out. */
    private static Map<String, AttributeValue> changes(KalRules.Input in) {
        Map<String, AttributeValue> changes = new LinkedHashMap<>();
        if (in.label() != null) {
            changes.put("label", Item.attr(in.label()));
        }
        if (in.description() != null || in.clearDescription()) {
            changes.put("description", in.description() == null ? null : Item.attr(in.description()));
        }
        if (in.slug() != null) {
            changes.put("slug", Item.attr(in.slug()));
        }
        if (in.isPrivate() != null) {
            changes.put("private", AttributeValue.fromBool(in.isPrivate()));
        }
        if (in.timezone() != null || in.clearTimezone()) {
            changes.put("timezone", in.timezone() == null ? null : Item.attr(in.timezone()));
        }
        if (in.files() != null) {
            changes.put("files", files(in.files()));
        }
        return changes;
    }

    /**
     * Writes an external calendar of an existing kal. A new one ({@code isNew}: the id must still be free) is
     * counted on the kal, which must have fewer than {@code max}; a known one (which must still exist) is replaced.
     * {@link Outcome#CONDITION_FAILED} when the kal is gone, is full, or the calendar appeared or vanished meanwhile.
     */
    public Outcome putExternal(long userId, long kalId, Kal.ExternalCalendar external, boolean isNew, int max) {
        Item item = Item.key(Keys.user(userId), Keys.kalExternal(kalId, external.id())).s("type", "kal_external")
                .n("kal_id", kalId).s("id", external.id()).s("summary", external.summary())
                .s("description", external.description()).s("time_zone", external.timeZone()).bool("from", external.from())
                .s("created_at", Timestamps.record(external.createdAt())).s("updated_at", Timestamps.record(external.updatedAt()));
        Map<String, AttributeValue> kalKey = Item.key(Keys.user(userId), Keys.userKal(kalId)).map();
        TransactWriteItem kal = isNew
                ? TransactWriteItem.builder().update(u -> u.tableName(table.name()).key(kalKey)
                        .updateExpression("SET external_count = if_not_exists(external_count, :zero) + :one")
                        .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(external_count) OR external_count < :max)")
                        .expressionAttributeValues(Map.of(":zero", Item.attr(0), ":one", Item.attr(1), ":max", Item.attr(max))))
                        .build()
                : TransactWriteItem.builder().conditionCheck(c -> c.tableName(table.name()).key(kalKey)
                        .conditionExpression("attribute_exists(PK)")).build();
        return transact(
                TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(item.map())
                        .conditionExpression(isNew ? "attribute_not_exists(PK)" : "attribute_exists(PK)")).build(),
                kal);
    }

    /**
     * Links {@code link.kalId()} to the kal (replacing an existing link), if both kals still exist;
     * {@link Outcome#CONDITION_FAILED} when either is gone.
     */
    public Outcome putLink(long userId, long kalId, Kal.KalLink link) {
        Item item = Item.key(Keys.user(userId), Keys.kalLink(kalId, link.kalId())).s("type", "kal_link")
                .n("kal_id", kalId).n("other_kal_id", link.kalId()).bool("from", link.from())
                .s("created_at", Timestamps.record(link.createdAt())).s("updated_at", Timestamps.record(link.updatedAt()));
        return transact(
                TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(item.map())).build(),
                exists(userId, kalId),
                exists(userId, link.kalId()));
    }

    private TransactWriteItem exists(long userId, long kalId) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(table.name())
                .key(Item.key(Keys.user(userId), Keys.userKal(kalId)).map())
                .conditionExpression("attribute_exists(PK)")).build();
    }

    private Outcome transact(TransactWriteItem... items) {
        try {
            table.client().transactWriteItems(t -> t.transactItems(items));
            return Outcome.WRITTEN;
        } catch (TransactionCanceledException e) {
            if (Transactions.onlyConditionsFailed(e)) {
                return Outcome.CONDITION_FAILED;
            }
            throw e;
        }
    }

    private List<Item> query(long userId, String skPrefix) {
        return Queries.all(table, QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.user(userId)), ":sk", Item.attr(skPrefix)))
                .build());
    }

    /** Kals in sort-key order, each followed by its own external calendars and links. */
    private static List<Kal> assemble(List<Item> items) {
        List<Kal> kals = new ArrayList<>();
        Kal current = null;
        List<Kal.ExternalCalendar> external = new ArrayList<>();
        List<Kal.KalLink> links = new ArrayList<>();
        for (Item item : items) {
            String type = item.string("type");
            if ("kal".equals(type)) {
                if (current != null) {
                    kals.add(current.withChildren(external, links));
                }
                current = toKal(item);
                external = new ArrayList<>();
                links = new ArrayList<>();
            } else if (current != null && item.number("kal_id", -1) == current.id()) {
                if ("kal_external".equals(type)) {
                    external.add(new Kal.ExternalCalendar(item.string("id"), item.string("summary"),
                            item.string("description"), item.string("time_zone"), item.bool("from"),
                            Instant.parse(item.string("created_at")), Instant.parse(item.string("updated_at"))));
                } else if ("kal_link".equals(type)) {
                    links.add(new Kal.KalLink(item.number("other_kal_id"), item.bool("from"),
                            Instant.parse(item.string("created_at")), Instant.parse(item.string("updated_at"))));
                }
            }
        }
        if (current != null) {
            kals.add(current.withChildren(external, links));
        }
        return kals;
    }

    private static Kal toKal(Item item) {
        List<Long> files = new ArrayList<>();
        AttributeValue stored = item.map().get("files");
        if (stored != null && stored.hasL()) {
            stored.l().forEach(f -> files.add(Long.parseLong(f.n())));
        }
        return new Kal(item.number("id"), item.number("user_id"), item.string("label"), item.string("description"),
                item.string("slug"), item.bool("private"), item.string("timezone"), files,
                Instant.parse(item.string("created_at")), Instant.parse(item.string("updated_at")), List.of(), List.of());
    }

    private static AttributeValue files(List<Long> ids) {
        return AttributeValue.fromL(ids.stream().map(Item::attr).toList());
    }
}
