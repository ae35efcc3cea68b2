package com.ceki.users;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.FieldUpdate;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.storage.Transactions;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Users ({@code USER#id / USER}) and the guards that keep their emails unique ({@code USER_EMAIL#<email>}). */
public final class UserRepository {

    /** The email belongs to someone already. */
    public static final class EmailTaken extends RuntimeException {
        EmailTaken() {
            super(null, null, false, false);
        }
    }

    private final Table table;

    public UserRepository(Table table) {
        this.table = table;
    }

    /** Writes a new user and its email guard atomically. */
    public void create(long id, String email, String name, String phone, String passwordHash, boolean tovarisch, Instant now) {
        String at = Timestamps.record(now);
        Item user = Item.key(Keys.user(id), "USER").s("type", "user").n("id", id).s("email", email).s("name", name)
                .s("phone", phone).s("password_hash", passwordHash).s("timezone", "UTC").bool("banned", false)
                .bool("tovarisch", tovarisch).s("terms_accepted_at", at).s("created_at", at).s("updated_at", at);
        searchFeed(user, id, at);
        insert(user, id, email);
    }

    /** A user someone added by email (a contact): no terms accepted, never signed in, editable by its creator. */
    public void createContact(long id, String email, long createdBy, Instant now) {
        String at = Timestamps.record(now);
        Item user = Item.key(Keys.user(id), "USER").s("type", "user").n("id", id).s("email", email)
                .s("timezone", "UTC").bool("banned", false).n("created_by", createdBy).s("created_at", at).s("updated_at", at);
        searchFeed(user, id, at);
        insert(user, id, email);
    }

    /** Records that {@code userId} wants {@code newEmail}; it takes effect when the code sent there is used. */
    public void requestEmailChange(long userId, String newEmail, Instant expires) {
        table.client().putItem(p -> p.tableName(table.name()).item(Item.key(Keys.pendingEmail(newEmail), "PENDING_EMAIL")
                .n("user_id", userId).s("email", newEmail).n(Table.EXPIRES_AT, expires.getEpochSecond()).map()));
    }

    /** The user waiting to take {@code email}, if the request has not expired. */
    public Optional<Long> pendingEmailOwner(String email, Instant now) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.pendingEmail(email), "PENDING_EMAIL").map()).consistentRead(true)).item());
        if (item.isEmpty() || item.number(Table.EXPIRES_AT, 0) < now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(item.number("user_id"));
    }

    /**
     * Moves a user to {@code newEmail} in one transaction: the new guard (the address must still be free), the old
     * guard removed, the user updated and verified (the code proved the address), the pending request deleted.
     */
    public void changeEmail(long userId, String oldEmail, String newEmail, Instant now) {
        String at = Timestamps.record(now);
        try {
            table.client().transactWriteItems(t -> t.transactItems(
                    putNew(Item.key(Keys.userEmail(newEmail), "USER_EMAIL").n("user_id", userId)),
                    TransactWriteItem.builder().delete(d -> d.tableName(table.name())
                            .key(Item.key(Keys.userEmail(oldEmail), "USER_EMAIL").map())).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table.name())
                            .key(Item.key(Keys.user(userId), "USER").map())
                            .updateExpression("SET email = :e, email_verified_at = :now, updated_at = :now, "
                                    + Table.GSI1_PK + " = :feed, " + Table.GSI1_SK + " = :feedAt")
                            .conditionExpression("email = :old")
                            .expressionAttributeValues(Map.of(":e", Item.attr(newEmail), ":now", Item.attr(at),
                                    ":old", Item.attr(oldEmail), ":feed", Item.attr(Keys.SEARCH_FEED_USERS),
                                    ":feedAt", Item.attr(searchFeedSortKey(userId, at))))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table.name())
                            .key(Item.key(Keys.pendingEmail(newEmail), "PENDING_EMAIL").map())).build()));
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                throw new EmailTaken();
            }
            throw e;
        }
    }

    /** The user and its email guard, atomically. */
    private void insert(Item user, long id, String email) {
        try {
            table.client().transactWriteItems(t -> t.transactItems(
                    putNew(user),
                    putNew(Item.key(Keys.userEmail(email), "USER_EMAIL").n("user_id", id))));
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 1)) {
                throw new EmailTaken();
            }
            throw e;
        }
    }

    public Optional<Long> findIdByEmail(String email) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.userEmail(email), "USER_EMAIL").map()).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(item.number("user_id"));
    }

    public Optional<User> find(long id) {
        return item(id).map(UserRepository::toUser);
    }

    /** The users among {@code ids} that exist, by id (consistent reads). */
    public Map<Long, User> findAll(Collection<Long> ids) {
        Map<Long, User> found = new HashMap<>();
        List<Item> keys = ids.stream().distinct().map(id -> Item.key(Keys.user(id), "USER")).toList();
        Queries.getAll(table, keys, true).forEach(item -> {
            User u = toUser(item);
            found.put(u.id(), u);
        });
        return found;
    }

    /** The ids of the users who have these emails (those who have an account), by lower-cased email. */
    public Map<String, Long> findIdsByEmail(Collection<String> emails) {
        Map<String, Long> found = new HashMap<>();
        List<Item> keys = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).distinct()
                .map(e -> Item.key(Keys.userEmail(e), "USER_EMAIL")).toList();
        Queries.getAll(table, keys, true).forEach(item ->
                found.put(item.string("PK").substring("USER_EMAIL#".length()), item.number("user_id")));
        return found;
    }

    /** Whether {@code fileId} is one of the user's files (an avatar or CV must be). */
    public boolean ownsFile(long userId, long fileId) {
        var item = table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.user(userId), Keys.file(fileId)).map()).projectionExpression("PK")).item();
        return item != null && !item.isEmpty();
    }

    /** The stored password hash, if the user set a password. */
    public Optional<String> passwordHash(long id) {
        return item(id).map(i -> i.string("password_hash"));
    }

    /** Marks the email verified the first time a one-time password sent to it is used. */
    public void markEmailVerified(long id, Instant now) {
        table.client().updateItem(u -> u.tableName(table.name()).key(Item.key(Keys.user(id), "USER").map())
                .updateExpression("SET email_verified_at = if_not_exists(email_verified_at, :now)")
                .expressionAttributeValues(Map.of(":now", Item.attr(Timestamps.record(now)))));
    }

    /**
     * Bans or unbans a person (an operator's act; no route does it yet). Like every write of a user item it moves the
     * search feed's sort key, so the search index drops (or restores) their schedules on its next refresh.
     */
    public void setBanned(long id, boolean banned, Instant now) {
        String at = Timestamps.record(now);
        table.client().updateItem(u -> u.tableName(table.name()).key(Item.key(Keys.user(id), "USER").map())
                .updateExpression("SET banned = :banned, updated_at = :at, " + Table.GSI1_PK + " = :feed, "
                        + Table.GSI1_SK + " = :feedAt")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":banned", AttributeValue.fromBool(banned), ":at", Item.attr(at),
                        ":feed", Item.attr(Keys.SEARCH_FEED_USERS), ":feedAt", Item.attr(searchFeedSortKey(id, at)))));
    }

    /** Applies profile changes ({@code null} removes a field) and returns the user. */
    public User update(long id, Map<String, Object> changes, Instant now) {
        String at = Timestamps.record(now);
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        changes.forEach((field, value) -> values.put(field, value == null ? null
                : Item.attr(value instanceof JsonNode json ? Json.write(json)
                        : String.valueOf(value))));
        values.put(Table.GSI1_PK, Item.attr(Keys.SEARCH_FEED_USERS));
        values.put(Table.GSI1_SK, Item.attr(searchFeedSortKey(id, at)));
        UpdateItemRequest.Builder request = FieldUpdate.apply(UpdateItemRequest.builder().tableName(table.name())
                .key(Item.key(Keys.user(id), "USER").map())
                .conditionExpression("attribute_exists(PK)")
                .returnValues(ReturnValue.ALL_NEW), values, at);
        return toUser(Item.from(table.client().updateItem(request.build()).attributes()));
    }

    private Optional<Item> item(long id) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.user(id), "USER").map()).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * The search feed (GSI1 partition {@link Keys#SEARCH_FEED_USERS}, sorted by {@code <updated_at>#<n16 id>}): every
     * write of a user item that changes {@code updated_at} also moves it here, so that the in-memory search index
     * (shared/search) sees names, skills and bans change. Anything else writing a user item (an operator banning
     * someone) must set these two keys with the new {@code updated_at} too.
     */
    public static String searchFeedSortKey(long id, String updatedAt) {
        return updatedAt + "#" + Keys.pad(id);
    }

    private static void searchFeed(Item user, long id, String updatedAt) {
        user.s(Table.GSI1_PK, Keys.SEARCH_FEED_USERS).s(Table.GSI1_SK, searchFeedSortKey(id, updatedAt));
    }

    /** Reads a user item (from the table or from the search feed). */
    public static User fromItem(Item item) {
        return toUser(item);
    }

    private TransactWriteItem putNew(Item item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item.map())
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    static User toUser(Item i) {
        return new User(i.number("id"), i.string("email"), i.string("name"), i.string("phone"), i.string("timezone"),
                i.string("birthdate"), i.string("birthtime"), i.string("birthcity"), i.string("city"),
                i.string("education"), i.string("about"), i.string("currency"), i.bool("banned"),
                i.instant("email_verified_at"), i.optionalNumber("created_by"),
                i.instant("created_at"), i.instant("updated_at"),
                number(i.string("ava_id")), number(i.string("cv_id")), i.string("skills"), i.string("languages"),
                i.string("sallary"));
    }

    private static Long number(String value) {
        return value == null ? null : Long.valueOf(value);
    }
}
