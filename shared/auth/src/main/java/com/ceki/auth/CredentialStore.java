package com.ceki.auth;

import com.ceki.core.auth.Principal;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Resolves a bearer credential into a principal. For an agent key: one strongly consistent GetItem on the key's
 * hash, then one on the agent for its current status. The agent item also records the hash of its one live key,
 * compared in constant time, so a key that was rotated away is dead on the very next request.
 */
public final class CredentialStore {

    private final Table table;

    public CredentialStore(Table table) {
        this.table = table;
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
        return Optional.empty(); // user JWTs arrive with the user-auth work
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
            request.expressionAttributeNames(java.util.Map.of("#s", "status"));
        }
        return Item.from(table.client().getItem(request.build()).item());
    }
}
