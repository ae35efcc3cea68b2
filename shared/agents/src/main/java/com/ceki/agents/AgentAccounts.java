package com.ceki.agents;

import com.ceki.agents.AgentProfile.Field;
import com.ceki.core.auth.ApiKeys;
import com.ceki.billing.Wallet;
import com.ceki.billing.WalletRepository;
import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.Unauthenticated;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** An agent's own account: its profile with wallets, profile changes and key rotation. */
public final class AgentAccounts {

    public record Profile(Agent agent, List<Wallet> wallets) {}

    private final AgentRepository agents;
    private final WalletRepository wallets;
    private final Clock clock;

    public AgentAccounts(AgentRepository agents, WalletRepository wallets, Clock clock) {
        this.agents = agents;
        this.wallets = wallets;
        this.clock = clock;
    }

    /**
     * Replaces the key the caller presented with a new one; the old key is dead when this returns. Only the live
     * key can be rotated: of concurrent rotations with the same key exactly one wins, and a request that was
     * authorized a moment before another rotation cannot rotate away the key that one just issued.
     */
    public String regenerateKey(long agentId, String presentedKey) {
        if (!ApiKeys.wellFormed(presentedKey)) {
            throw new Unauthenticated();
        }
        String oldHash = ApiKeys.hash(presentedKey);
        String key = ApiKeys.generate();
        if (!agents.rotateKey(agentId, oldHash, ApiKeys.hash(key), ApiKeys.displayPrefix(key), clock.instant())) {
            throw new Conflict("This API key was already replaced by a concurrent request; use the key that request returned.");
        }
        return key;
    }

    public Profile profile(long agentId) {
        Agent agent = agents.find(agentId).orElseThrow(() -> new NotFound("Agent not found."));
        return new Profile(agent, wallets.wallets(agentId));
    }

    public Profile updateProfile(long agentId, Map<Field, Object> changes) {
        Agent agent = agents.updateProfile(agentId, changes, clock.instant());
        return new Profile(agent, wallets.wallets(agentId));
    }
}
