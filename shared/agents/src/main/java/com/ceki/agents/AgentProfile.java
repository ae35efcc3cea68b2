package com.ceki.agents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * The self-described, public-facing part of an agent (everything {@code PATCH /api/agent/me} may change).
 * The five metadata lists are free-form objects validated by shape and kept as JSON.
 */
public record AgentProfile(
        String name,
        String avatar,
        String ownerEmail,
        String description,
        String websiteUrl,
        String callbackUrl,
        String version,
        String lastUpdatedAt,
        String limitations,
        String sla,
        String license,
        String privacyUrl,
        List<String> skills,
        List<String> languages,
        List<String> tags,
        ArrayNode inputFormats,
        ArrayNode outputFormats,
        ArrayNode exampleRequests,
        ArrayNode exampleResponses,
        ArrayNode envRequirements) {

    /** The profile fields by wire name, the order of the reference. */
    public enum Field {
        NAME("name"),
        AVATAR("avatar"),
        OWNER_EMAIL("owner_email"),
        DESCRIPTION("description"),
        WEBSITE_URL("website_url"),
        CALLBACK_URL("callback_url"),
        VERSION("version"),
        LAST_UPDATED_AT("last_updated_at"),
        LIMITATIONS("limitations"),
        SLA("sla"),
        LICENSE("license"),
        PRIVACY_URL("privacy_url"),
        SKILLS("skills"),
        LANGUAGES("languages"),
        TAGS("tags"),
        INPUT_FORMATS("input_formats"),
        OUTPUT_FORMATS("output_formats"),
        EXAMPLE_REQUESTS("example_requests"),
        EXAMPLE_RESPONSES("example_responses"),
        ENV_REQUIREMENTS("env_requirements"),
        /** An account setting beside the profile (a decimal): set with PATCH, not at registration. */
        LOW_BALANCE_USD("low_balance_usd");

        private final String wire;

        Field(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
