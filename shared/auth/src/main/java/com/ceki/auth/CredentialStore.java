package com.ceki.auth;

import com.ceki.core.auth.ApiKeys;
import com.ceki.core.auth.Principal;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Resolves a bearer credential into a principal. For an agent key: one strongly consistent GetItem on the key's
 * hash, then one on the agent for its current status. For a user JWT: the signature and claims, then one GetItem
 * on the user. The agent item also records the hash of its one live key,
 * compared in constant time, so a key that was rotated away is dead on the very next request.
 */
public final class CredentialStore {

    private final Table table;
    private final Supplier<UserTokens> userTokens;

    /**
     * @param userTokens verifies user JWTs, built on first use (an agent-key request never pays for the JWT
     *                   library's start-up); supplies null where only agent keys are accepted
     */
    public CredentialStore(Table table, Supplier<UserTokens> userTokens) {
        this.table = table;
        this.userTokens = userTokens;
    }

    /** The principal for an {@code Authorization} header value, or empty for anything not a live credential. */
    public Optional<Principal> authenticate(String authorizationHeader) {
        String token = ApiKeys.bearerToken(authorizationHeader);
        if (token == null) {
            return Optional.empty();
        }
        if (ApiKeys.wellFormed(token)) {
            return agentForKey(token);
        }
        if (looksLikeJwt(token)) {
            UserTokens tokens = userTokens.get();
            return tokens == null ? Optional.empty() : tokens.verify(token).flatMap(this::user);
        }
        return Optional.empty();
    }

    /** A user of a valid token, with the status read now: a banned user's tokens stop working at once. */
    private Optional<Principal> user(long userId) {
        Item user = get(Keys.user(userId), "USER", "banned, email_verified_at");
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Principal(Principal.Kind.USER, userId, user.bool("banned") ? "banned" : "active",
                user.has("email_verified_at")));
    }

    private Optional<Principal> agentForKey(String key) {
        String hash = ApiKeys.hash(key);
        Item keyItem = get(Keys.apiKey(hash), Keys.API_KEY, "agent_id");
        if (keyItem.isEmpty()) {
            return Optional.empty();
        }
        long agentId = keyItem.number("agent_id");
        Item agent = get(Keys.agent(agentId), Keys.AGENT, "api_key_hash, #s, email_verified");
        if (agent.isEmpty() || !ApiKeys.sameHash(hash, agent.string("api_key_hash"))) {
            return Optional.empty();
        }
        return Optional.of(new Principal(Principal.Kind.AGENT, agentId, agent.string("status"),
                agent.bool("email_verified")));
    }

    private Item get(String pk, String sk, String projection) {
        GetItemRequest.Builder request = GetItemRequest.builder()
                .tableName(table.name())
                .key(Item.key(pk, sk).map())
                .consistentRead(true)
                .projectionExpression(projection);
        if (projection.contains("#s")) {
            request.expressionAttributeNames(Map.of("#s", "status"));
        }
        return Item.from(table.client().getItem(request.build()).item());
    }

    /** Three dot-separated parts. Checked here, not in UserTokens: an agent key must not load the JWT library. */
    private static boolean looksLikeJwt(String token) {
        return token.length() < 8192 && token.chars().filter(c -> c == '.').count() == 2;
    }
}
