package com.ceki.agents;

import com.ceki.agents.AgentProfile.Field;
import com.ceki.billing.BalanceAlerts;
import com.ceki.billing.Wallet;
import com.ceki.billing.WalletRepository;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.FieldUpdate;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.storage.Transactions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Agent accounts in the single table: the agent item ({@code AGENT#id / AGENT}), its email guard, its API key
 * item, its wallets and default calendar, the deposit address guards, and the directory listing (GSI1, only
 * while active). Knows DynamoDB, not HTTP.
 */
public final class AgentRepository {

    /** The code state stored on the agent item while an email verification is pending. */
    public record CodeState(String hash, long expiresAtEpochSecond, long attempts, long sentAtEpochMilli) {}

    /** Everything registration writes, in one transaction. */
    public record NewAgent(long id, String email, String apiKeyHash, String apiKeyPrefix, Currency currency,
                           long kalId, AgentProfile profile, Wallet wallet, CodeState code, Instant now) {}

    public static final class EmailTaken extends RuntimeException {
        EmailTaken() {
            super(null, null, false, false);
        }
    }

    public static final class IdCollision extends RuntimeException {
        IdCollision() {
            super(null, null, false, false);
        }
    }

    private final Table table;
    private final WalletRepository wallets;

    public AgentRepository(Table table) {
        this.table = table;
        this.wallets = new WalletRepository(table);
    }

    Table table() {
        return table;
    }

    // ---------------------------------------------------------------- registration

    /**
     * Writes the agent, its email guard, key, wallet, deposit-address guard and default calendar atomically.
     *
     * @throws EmailTaken when the email already belongs to an agent
     * @throws IdCollision when a freshly minted id was already in use (retry with new ids)
     */
    public void create(NewAgent a) {
        String now = Timestamps.record(a.now());
        Item agent = profileItem(Item.key(Keys.agent(a.id()), Keys.AGENT), a.profile())
                .s("type", "agent")
                .n("id", a.id())
                .s("email", a.email())
                .s("status", AgentStatus.PENDING_DEPOSIT.wire())
                .bool("email_verified", false)
                .s("api_key_hash", a.apiKeyHash())
                .s("api_key_prefix", a.apiKeyPrefix())
                .s("currency", a.currency().name())
                .n("kal_id", a.kalId())
                .s("created_at", now)
                .s("updated_at", now)
                .s("code_hash", a.code().hash())
                .n("code_expires_at", a.code().expiresAtEpochSecond())
                .n("code_attempts", 0)
                .n("code_sent_at", a.code().sentAtEpochMilli());
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                putNew(agent),
                putNew(Item.key(Keys.agentEmail(a.email()), Keys.AGENT_EMAIL).n("agent_id", a.id())),
                putNew(Item.key(Keys.apiKey(a.apiKeyHash()), Keys.API_KEY).n("agent_id", a.id()).s("created_at", now)),
                putNew(Item.key(Keys.agent(a.id()), Keys.kal(a.kalId()))
                        .s("type", "kal").n("id", a.kalId()).n("agent_id", a.id()).s("label", "Default")
                        .bool("private", true).s("created_at", now))));
        writes.addAll(wallets.creationWrites(a.id(), a.wallet(), a.now()));
        try {
            table.client().transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 1)) {
                throw new EmailTaken();
            }
            if (Transactions.onlyConditionsFailed(e)) {
                throw new IdCollision();
            }
            throw e;
        }
    }

    private TransactWriteItem putNew(Item item) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table.name())
                .item(item.map())
                .conditionExpression("attribute_not_exists(PK)")
                .build()).build();
    }

    // ---------------------------------------------------------------- reads

    public Optional<Agent> find(long agentId) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                .consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(toAgent(item));
    }

    public Optional<Long> findIdByEmail(String email) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agentEmail(email), Keys.AGENT_EMAIL).map())
                .consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(item.number("agent_id"));
    }

    /** Every active agent, from the sparse directory index (GSI1). See docs for the scale this serves. */
    public List<Agent> directory() {
        return Queries.all(table, QueryRequest.builder()
                .tableName(table.name())
                .indexName(Table.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.DIRECTORY_AGENTS)))
                .build()).stream().map(AgentRepository::toAgent).toList();
    }

    // ---------------------------------------------------------------- email codes

    public Optional<CodeState> codeState(long agentId) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                .consistentRead(true)
                .projectionExpression("code_hash, code_expires_at, code_attempts, code_sent_at")).item());
        return codeOf(item);
    }

    /**
     * Spends one attempt on the pending code, atomically, before the code is compared: at most {@code maxAttempts}
     * comparisons per code, however many requests race. Empty when there is no code or its attempts are used up.
     */
    public Optional<CodeState> spendCodeAttempt(long agentId, int maxAttempts) {
        try {
            UpdateItemResponse response = table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                    .updateExpression("ADD code_attempts :one")
                    .conditionExpression("attribute_exists(code_hash) AND code_attempts < :max")
                    .expressionAttributeValues(Map.of(":one", Item.attr(1), ":max", Item.attr(maxAttempts)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .build());
            return codeOf(Item.from(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * Marks the email verified, if the code is still the one that was checked. The code's hash stays, so that
     * repeating the verification with it is answered like the first time (and a wrong code like any wrong code).
     */
    public boolean markEmailVerified(long agentId, String codeHash, Instant now) {
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                    .updateExpression("SET email_verified = :t, updated_at = :now")
                    .conditionExpression("code_hash = :h")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":h", Item.attr(codeHash),
                            ":now", Item.attr(Timestamps.record(now))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Replaces the pending code (the old one dies) unless one was sent after {@code notSentAfterMillis}.
     *
     * @return empty on success, or the send time of the code that is too recent
     */
    public Optional<Long> replaceCode(long agentId, CodeState code, long notSentAfterMillis) {
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                    .updateExpression("SET code_hash = :h, code_expires_at = :e, code_attempts = :zero, code_sent_at = :s")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(code_sent_at) OR code_sent_at <= :limit)")
                    .expressionAttributeValues(Map.of(":h", Item.attr(code.hash()),
                            ":e", Item.attr(code.expiresAtEpochSecond()), ":zero", Item.attr(0),
                            ":s", Item.attr(code.sentAtEpochMilli()), ":limit", Item.attr(notSentAfterMillis)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            Item old = Item.from(e.item());
            return Optional.of(old.number("code_sent_at", notSentAfterMillis));
        }
    }

    // ---------------------------------------------------------------- key rotation

    /**
     * Swaps the agent's key in one transaction: the old key item is deleted, the new one written, and the agent
     * records the new hash, on condition that the old key is still the live one.
     *
     * @return false when another rotation won the race
     */
    public boolean rotateKey(long agentId, String oldHash, String newHash, String newPrefix, Instant now) {
        String at = Timestamps.record(now);
        try {
            table.client().transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                            .key(Item.key(Keys.apiKey(oldHash), Keys.API_KEY).map())
                            .conditionExpression("attribute_exists(PK)").build()).build(),
                    putNew(Item.key(Keys.apiKey(newHash), Keys.API_KEY).n("agent_id", agentId).s("created_at", at)),
                    TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                            .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                            .updateExpression("SET api_key_hash = :new, api_key_prefix = :prefix, updated_at = :now")
                            .conditionExpression("api_key_hash = :old")
                            .expressionAttributeValues(Map.of(":new", Item.attr(newHash), ":old", Item.attr(oldHash),
                                    ":prefix", Item.attr(newPrefix), ":now", Item.attr(at)))
                            .build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.onlyConditionsFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- profile

    /** Applies profile changes (null values remove the attribute) and returns the updated agent. */
    public Agent updateProfile(long agentId, Map<Field, Object> changes, Instant now) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        changes.forEach((field, value) -> values.put(field.wire(), attributeOf(value)));
        UpdateItemRequest.Builder request = FieldUpdate.apply(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                .conditionExpression("attribute_exists(PK)")
                .returnValues(ReturnValue.ALL_NEW), values, Timestamps.record(now));
        try {
            Agent updated = toAgent(Item.from(table.client().updateItem(request.build()).attributes()));
            if (changes.containsKey(Field.LOW_BALANCE_USD)) {
                BalanceAlerts.clearMark(table, agentId); // a new threshold: its first crossing alerts
            }
            return updated;
        } catch (DynamoDbException e) {
            if (e.getMessage() != null && e.getMessage().contains("Item size")) {
                throw ValidationFailed.of("body", "The profile would exceed the maximum size of an agent.");
            }
            throw e;
        }
    }

    /**
     * The write that makes an agent active and lists it in the directory (GSI1), for the deposit credit that
     * crosses the activation amount to include in its own transaction. Only a pending agent is activated.
     */
    public Update activation(long agentId, Instant createdAt, Instant now) {
        return Update.builder().tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                .updateExpression("SET #s = :active, GSI1PK = :dir, GSI1SK = :sort, updated_at = :now")
                .conditionExpression("#s = :pending")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(
                        ":active", Item.attr(AgentStatus.ACTIVE.wire()),
                        ":pending", Item.attr(AgentStatus.PENDING_DEPOSIT.wire()),
                        ":dir", Item.attr(Keys.DIRECTORY_AGENTS),
                        ":sort", Item.attr(Timestamps.record(createdAt) + "#" + agentId),
                        ":now", Item.attr(Timestamps.record(now))))
                .build();
    }

    /** Activates a pending agent on its own (operators, tests); false when it was not pending. */
    public boolean activate(long agentId, Instant now) {
        Optional<Agent> agent = find(agentId);
        if (agent.isEmpty()) {
            return false;
        }
        Update update = activation(agentId, agent.get().createdAt(), now);
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(update.tableName()).key(update.key())
                    .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues()).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Records a public profile view; only ever moves forward (late or repeated events change nothing). */
    public void touchLastAccessed(long agentId, Instant now) {
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                    .updateExpression("SET last_accessed_at = :now")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(last_accessed_at) OR last_accessed_at < :now)")
                    .expressionAttributeValues(Map.of(":now", Item.attr(Timestamps.record(now))))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // deleted meanwhile, or a later view is already recorded: nothing to do
        }
    }

    // ---------------------------------------------------------------- mapping

    private static Item profileItem(Item item, AgentProfile p) {
        item.s("name", p.name()).s("avatar", p.avatar()).s("owner_email", p.ownerEmail())
                .s("description", p.description()).s("website_url", p.websiteUrl()).s("callback_url", p.callbackUrl())
                .s("version", p.version()).s("last_updated_at", p.lastUpdatedAt()).s("limitations", p.limitations())
                .s("sla", p.sla()).s("license", p.license()).s("privacy_url", p.privacyUrl())
                .strings("skills", p.skills()).strings("languages", p.languages()).strings("tags", p.tags());
        json(item, "input_formats", p.inputFormats());
        json(item, "output_formats", p.outputFormats());
        json(item, "example_requests", p.exampleRequests());
        json(item, "example_responses", p.exampleResponses());
        json(item, "env_requirements", p.envRequirements());
        return item;
    }

    private static void json(Item item, String name, ArrayNode value) {
        if (value != null) {
            item.json(name, Json.write(value));
        }
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue attributeOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return Item.attr(s);
        }
        if (value instanceof List<?> list) {
            return Item.list((List<String>) list);
        }
        if (value instanceof JsonNode node) {
            return Item.attr(Json.write(node));
        }
        if (value instanceof BigDecimal decimal) {
            return Item.attr(decimal);
        }
        throw new IllegalArgumentException("Unsupported profile value " + value.getClass());
    }

    static Agent toAgent(Item item) {
        AgentProfile profile = new AgentProfile(
                item.string("name"), item.string("avatar"), item.string("owner_email"), item.string("description"),
                item.string("website_url"), item.string("callback_url"), item.string("version"),
                item.string("last_updated_at"), item.string("limitations"), item.string("sla"),
                item.string("license"), item.string("privacy_url"),
                item.strings("skills"), item.strings("languages"), item.strings("tags"),
                jsonArray(item.string("input_formats")), jsonArray(item.string("output_formats")),
                jsonArray(item.string("example_requests")), jsonArray(item.string("example_responses")),
                jsonArray(item.string("env_requirements")));
        return new Agent(item.number("id"), item.string("email"), AgentStatus.fromWire(item.string("status")),
                item.bool("email_verified"), item.string("api_key_prefix"), item.string("currency"),
                item.number("kal_id", 0), profile, item.instant("created_at"),
                item.instant("updated_at"), item.instant("last_accessed_at"), item.decimal("low_balance_usd"));
    }

    private static Optional<CodeState> codeOf(Item item) {
        if (item.string("code_hash") == null) {
            return Optional.empty();
        }
        return Optional.of(new CodeState(item.string("code_hash"), item.number("code_expires_at", 0),
                item.number("code_attempts", 0), item.number("code_sent_at", 0)));
    }

    private static ArrayNode jsonArray(String json) {
        if (json == null) {
            return null;
        }
        try {
            return (ArrayNode) Json.parse(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("Stored profile metadata is not a JSON array", e);
        }
    }
}
