package com.ceki.webhooks;

import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * An agent's webhook signing secrets, in the Standard Webhooks form ({@code whsec_} + base64 of 32 random bytes).
 * The secret is shown once, when it is made; rotating keeps the previous one for {@link #OVERLAP}, during which every
 * delivery is signed with both, so a receiver can switch without missing an event.
 */
public final class WebhookSecrets {

    public static final Duration OVERLAP = Duration.ofHours(24);
    private static final int SECRET_BYTES = 32;

    /** A new secret, with when the previous one (if any) stops being used. */
    public record Rotated(String secret, Instant createdAt, Instant previousExpiresAt) {}

    private final Table table;
    private final SecretBox box;
    private final Clock clock;

    public WebhookSecrets(Table table, String keyMaterial, Clock clock) {
        this.table = table;
        this.box = new SecretBox(keyMaterial);
        this.clock = clock;
    }

    /** Makes the agent's first secret or rotates it (a concurrent rotation simply goes first). */
    public Rotated rotate(long agentId) {
        for (int attempt = 0; ; attempt++) {
            Item current = read(agentId);
            Instant now = clock.instant();
            byte[] raw = new byte[SECRET_BYTES];
            box.random().nextBytes(raw);
            String secret = "whsec_" + Base64.getEncoder().encodeToString(raw);
            long version = current.isEmpty() ? 1 : current.number("version") + 1;
            Item next = Item.key(Keys.agent(agentId), Keys.WEBHOOK_SECRET).s("type", "webhook_secret")
                    .s("current", box.seal(secret, aad(agentId))).s("created_at", Timestamps.record(now)).n("version", version);
            Instant previousUntil = null;
            if (!current.isEmpty()) {
                previousUntil = now.plus(OVERLAP);
                next.s("previous", current.string("current")).s("previous_until", Timestamps.record(previousUntil));
            }
            try {
                table.client().putItem(p -> p.tableName(table.name()).item(next.map())
                        .conditionExpression(current.isEmpty() ? "attribute_not_exists(PK)" : "version = :v")
                        .expressionAttributeValues(current.isEmpty() ? null : Map.of(":v", Item.attr(current.number("version")))));
                return new Rotated(secret, now, previousUntil);
            } catch (ConditionalCheckFailedException raced) {
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }

    /** The secrets a delivery is signed with now: the current one, and the previous one during its overlap. */
    public List<String> signing(long agentId) {
        Item item = read(agentId);
        List<String> secrets = new ArrayList<>(2);
        if (item.isEmpty()) {
            return secrets;
        }
        secrets.add(box.open(item.string("current"), aad(agentId)));
        String until = item.string("previous_until");
        if (item.has("previous") && until != null && Instant.parse(until).isAfter(clock.instant())) {
            secrets.add(box.open(item.string("previous"), aad(agentId)));
        }
        return secrets;
    }

    private Item read(long agentId) {
        return Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.WEBHOOK_SECRET).map()).consistentRead(true)).item());
    }

    private static String aad(long agentId) {
        return Keys.agent(agentId) + "/" + Keys.WEBHOOK_SECRET;
    }
}
