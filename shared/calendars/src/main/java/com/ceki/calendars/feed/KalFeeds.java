package com.ceki.calendars.feed;

import com.ceki.calendars.Kal;
import com.ceki.calendars.KalRepository;
import com.ceki.core.crypto.Hashes;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.NotFound;
import com.ceki.core.random.SecureRandoms;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.storage.WriteTransaction;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A kal's secret iCalendar feed: a random token in a URL that calendar apps fetch without signing in. Only the
 * token's SHA-256 is stored (on the kal, and as the key of {@code FEED#<hash>}, which leads to the kal); a feed
 * request hashes what it is given, finds the kal and compares the hashes in constant time. Asking for a feed again
 * makes a new token and revokes the old one in the same transaction.
 */
public final class KalFeeds {

    /** The kal a valid token opens. */
    public record Opened(long userId, Kal kal) {}

    private static final String HASH = "feed_token_sha256";

    private final Table table;
    private final KalRepository kals;

    public KalFeeds(Table table, KalRepository kals) {
        this.table = table;
        this.kals = kals;
    }

    /** A new token for the person's kal (the previous one stops working); shown once, to be put in a URL. */
    public String issue(long userId, long kalId) {
        Item kal = kalItem(userId, kalId).orElseThrow(() -> new NotFound("Kal not found."));
        byte[] secret = new byte[32];
        SecureRandoms.get().nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = Hashes.sha256Hex(token);
        String old = kal.string(HASH);
        WriteTransaction tx = new WriteTransaction(table);
        tx.update(Item.key(Keys.user(userId), Keys.userKal(kalId)), u -> {
            u.updateExpression("SET #hash = :hash");
            u.expressionAttributeNames(Map.of("#hash", HASH));
            if (old == null) {
                u.conditionExpression("attribute_exists(PK) AND attribute_not_exists(#hash)")
                        .expressionAttributeValues(Map.of(":hash", Item.attr(hash)));
            } else {
                u.conditionExpression("#hash = :old")
                        .expressionAttributeValues(Map.of(":hash", Item.attr(hash), ":old", Item.attr(old)));
            }
        });
        tx.putNew(Item.key(Keys.feed(hash), Keys.FEED).s("type", "kal_feed").n("user_id", userId).n("kal_id", kalId));
        if (old != null) {
            tx.delete(Item.key(Keys.feed(old), Keys.FEED));
        }
        if (!tx.commit().committed()) {
            throw new Conflict("The feed was renewed by another request at the same moment; ask again.");
        }
        return token;
    }

    /** The kal a token opens; an unknown, revoked or malformed token is not found. */
    public Opened open(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            throw new NotFound("Feed not found.");
        }
        String hash = Hashes.sha256Hex(token);
        Item lookup = Item.from(table.client().getItem(g -> g.tableName(table.name()).consistentRead(true)
                .key(Item.key(Keys.feed(hash), Keys.FEED).map())).item());
        if (lookup.isEmpty()) {
            throw new NotFound("Feed not found.");
        }
        long userId = lookup.number("user_id");
        long kalId = lookup.number("kal_id");
        String stored = kalItem(userId, kalId).map(i -> i.string(HASH)).orElse(null);
        if (!Hashes.same(stored, hash)) {
            throw new NotFound("Feed not found.");
        }
        return new Opened(userId, kals.find(userId, kalId).orElseThrow(() -> new NotFound("Feed not found.")));
    }

    private Optional<Item> kalItem(long userId, long kalId) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name()).consistentRead(true)
                .key(Item.key(Keys.user(userId), Keys.userKal(kalId)).map())).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
