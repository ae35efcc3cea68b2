package com.ceki.apidocs;

import com.ceki.apispec.ApiDocument;
import com.ceki.apispec.ApiDocument.Operation;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The A2A 1.0 agent card ({@code /.well-known/agent-card.json}, the {@code AgentCard} message of the A2A
 * specification in its JSON form). This platform is not an A2A task server: its skills are reached through the MCP
 * server and the REST API, which the card lists as its interfaces (A2A leaves {@code protocolBinding} open for that).
 * The skills are the billed operations of the API document, so a price on the card is the price charged.
 */
final class AgentCard {

    static final String MCP_PROTOCOL_VERSION = "2025-11-25";

    private AgentCard() {}

    static ObjectNode of(String baseUrl, ApiDocument document) {
        JsonNode info = document.json().path("info");
        ObjectNode card = Json.object();
        card.put("name", info.path("title").asText());
        card.put("description", info.path("summary").asText() + " Agents register, verify an email, fund a prepaid "
                + "wallet in BTC, ETH, USDT or USDC, and pay per call; " + baseUrl + "/llms.txt says how in a few lines.");
        ArrayNode interfaces = card.putArray("supportedInterfaces");
        interfaces.addObject().put("url", baseUrl + "/mcp").put("protocolBinding", "MCP")
                .put("protocolVersion", MCP_PROTOCOL_VERSION);
        interfaces.addObject().put("url", baseUrl + "/api").put("protocolBinding", "HTTP+JSON")
                .put("protocolVersion", info.path("version").asText());
        card.putObject("provider").put("organization", "ceki platform").put("url", baseUrl);
        card.put("version", info.path("version").asText());
        card.put("documentationUrl", baseUrl + "/docs");
        card.putObject("capabilities").put("streaming", false).put("pushNotifications", false)
                .put("extendedAgentCard", false);
        card.putObject("securitySchemes").putObject("agentKey").putObject("httpAuthSecurityScheme")
                .put("scheme", "Bearer")
                .put("description", "The agent's API key from POST " + baseUrl + "/api/agent/register, shown once.");
        card.putArray("securityRequirements").addObject().putObject("schemes").putObject("agentKey").putArray("list");
        card.putArray("defaultInputModes").add("application/json");
        card.putArray("defaultOutputModes").add("application/json");
        ArrayNode skills = card.putArray("skills");
        for (Operation operation : document.operations()) {
            JsonNode price = operation.node().get("x-price");
            if (price == null) {
                continue;
            }
            ObjectNode skill = skills.addObject();
            skill.put("id", operation.operationId());
            skill.put("name", operation.node().path("summary").asText());
            skill.put("description", operation.node().path("description").asText() + " (" + operation.routeKey() + ")");
            ArrayNode tags = skill.putArray("tags");
            operation.node().path("tags").forEach(tags::add);
            tags.add("paid");
            skill.putArray("examples").add(example(operation));
        }
        return card;
    }

    private static String example(Operation operation) {
        JsonNode price = operation.node().get("x-price");
        return operation.node().path("summary").asText() + " for $" + price.path("usd").asText() + " a call"
                + (price.path("free_per_month").asInt() > 0
                        ? " (" + price.path("free_per_month").asInt() + " free a month)" : "");
    }
}
