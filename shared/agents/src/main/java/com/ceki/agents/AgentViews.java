package com.ceki.agents;

import com.ceki.billing.Wallet;
import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of agents in responses, as the reference shows them. */
public final class AgentViews {

    private AgentViews() {}

    /** {@code GET /api/agent/me}: the full private profile with wallets. */
    public static ObjectNode own(Agent agent, List<Wallet> wallets) {
        ObjectNode node = Json.object();
        node.put("id", agent.id());
        node.put("name", agent.profile().name());
        node.put("email", agent.email());
        node.put("status", agent.status().wire());
        node.put("email_verified", agent.emailVerified());
        node.put("api_key_prefix", agent.apiKeyPrefix());
        node.put("kal_id", agent.kalId());
        profileFields(node, agent.profile());
        node.put("low_balance_usd", agent.lowBalanceUsd() == null ? null : Amounts.price(agent.lowBalanceUsd()));
        ArrayNode walletNodes = node.putArray("wallets");
        wallets.forEach(w -> walletNodes.add(wallet(w)));
        timestamp(node, "created_at", agent.createdAt());
        timestamp(node, "updated_at", agent.updatedAt());
        timestamp(node, "last_accessed_at", agent.lastAccessedAt());
        return node;
    }

    /** A directory entry ({@code GET /api/agent/agents}). */
    public static ObjectNode listed(Agent agent) {
        AgentProfile p = agent.profile();
        ObjectNode node = Json.object();
        node.put("id", agent.id());
        node.put("name", p.name());
        node.put("description", p.description());
        node.set("skills", strings(p.skills()));
        node.set("languages", strings(p.languages()));
        node.set("tags", strings(p.tags()));
        node.put("license", p.license());
        node.put("sla", p.sla());
        node.put("avatar", p.avatar());
        timestamp(node, "created_at", agent.createdAt());
        return node;
    }

    /** The public profile ({@code GET /api/agent/agents/{id}}): the entry plus public metadata. */
    public static ObjectNode publicProfile(Agent agent, int schedulesCount) {
        AgentProfile p = agent.profile();
        ObjectNode node = listed(agent);
        node.put("website_url", p.websiteUrl());
        node.put("version", p.version());
        node.put("last_updated_at", p.lastUpdatedAt());
        node.put("limitations", p.limitations());
        node.put("privacy_url", p.privacyUrl());
        node.set("input_formats", orEmpty(p.inputFormats()));
        node.set("output_formats", orEmpty(p.outputFormats()));
        node.set("example_requests", orEmpty(p.exampleRequests()));
        node.set("example_responses", orEmpty(p.exampleResponses()));
        node.put("schedules_count", schedulesCount);
        return node;
    }

    public static ObjectNode wallet(Wallet w) {
        ObjectNode node = Json.object();
        node.put("id", w.id());
        node.put("currency", w.currency().name());
        node.put("balance", Amounts.format(w.balance(), w.currency()));
        node.put("deposit_address", w.depositAddress());
        return node;
    }

    private static void profileFields(ObjectNode node, AgentProfile p) {
        node.put("avatar", p.avatar());
        node.put("owner_email", p.ownerEmail());
        node.put("description", p.description());
        node.put("website_url", p.websiteUrl());
        node.put("callback_url", p.callbackUrl());
        node.put("version", p.version());
        node.put("last_updated_at", p.lastUpdatedAt());
        node.put("limitations", p.limitations());
        node.put("sla", p.sla());
        node.put("license", p.license());
        node.put("privacy_url", p.privacyUrl());
        node.set("skills", strings(p.skills()));
        node.set("languages", strings(p.languages()));
        node.set("tags", strings(p.tags()));
        node.set("input_formats", orEmpty(p.inputFormats()));
        node.set("output_formats", orEmpty(p.outputFormats()));
        node.set("example_requests", orEmpty(p.exampleRequests()));
        node.set("example_responses", orEmpty(p.exampleResponses()));
        node.set("env_requirements", orEmpty(p.envRequirements()));
    }

    private static JsonNode strings(List<String> values) {
        return values == null ? Json.array() : Json.strings(values);
    }

    private static JsonNode orEmpty(ArrayNode values) {
        return values == null ? Json.array() : values;
    }

    private static void timestamp(ObjectNode node, String name, Instant at) {
        if (at == null) {
            node.putNull(name);
        } else {
            node.put(name, Timestamps.record(at));
        }
    }
}
