package com.ceki.agents;

import com.ceki.agents.AgentProfile.Field;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's field rules for an agent profile, shared by registration and {@code PATCH /api/agent/me}.
 * Limits of the metadata objects' own fields are not in the reference; ours are in docs/api-notes.md.
 */
public final class ProfileRules {

    /** Leaves room under DynamoDB's 400 KB item limit for the account's own attributes (bytes of UTF-8, not chars). */
    static final int MAX_PROFILE_BYTES = 300_000;

    /** The highest {@code low_balance_usd}, as for the spend limits. */
    static final BigDecimal MAX_LOW_BALANCE_USD = new BigDecimal("1000000");

    private ProfileRules() {}

    /**
     * Reads every profile field that is present. The result maps a field to its new value, or to {@code null}
     * when the client sent {@code null} to clear it. {@code name} is never cleared.
     */
    public static Map<Field, Object> read(Validator v, boolean nameRequired) {
        Map<Field, Object> values = new EnumMap<>(Field.class);
        var name = v.string("name");
        if (nameRequired || name.present()) {
            name.required();
        }
        put(values, Field.NAME, name.max(255));
        put(values, Field.AVATAR, v.string("avatar").max(500).url());
        put(values, Field.OWNER_EMAIL, v.string("owner_email").max(255).email());
        put(values, Field.DESCRIPTION, v.string("description").max(5000));
        put(values, Field.WEBSITE_URL, v.string("website_url").max(500).url());
        put(values, Field.CALLBACK_URL, v.string("callback_url").max(500).url());
        put(values, Field.VERSION, v.string("version").max(50));
        put(values, Field.LAST_UPDATED_AT, v.string("last_updated_at").dateTime());
        put(values, Field.LIMITATIONS, v.string("limitations").max(5000));
        put(values, Field.SLA, v.string("sla").max(500));
        put(values, Field.LICENSE, v.string("license").max(100));
        put(values, Field.PRIVACY_URL, v.string("privacy_url").max(500).url());
        put(values, Field.SKILLS, v.strings("skills").maxItems(100).itemMax(100));
        put(values, Field.LANGUAGES, v.strings("languages").maxItems(50).itemMax(10));
        put(values, Field.TAGS, v.strings("tags").maxItems(50).itemMax(100));
        put(values, Field.INPUT_FORMATS, v.objects("input_formats").maxItems(20).each(ProfileRules::format));
        put(values, Field.OUTPUT_FORMATS, v.objects("output_formats").maxItems(50).each(ProfileRules::format));
        put(values, Field.EXAMPLE_REQUESTS, v.objects("example_requests").maxItems(20).each(ProfileRules::example));
        put(values, Field.EXAMPLE_RESPONSES, v.objects("example_responses").maxItems(20).each(ProfileRules::example));
        put(values, Field.ENV_REQUIREMENTS, v.objects("env_requirements").maxItems(50).each(ProfileRules::envRequirement));
        if (!nameRequired) {
            put(values, Field.LOW_BALANCE_USD, v.decimal("low_balance_usd").min(BigDecimal.ZERO).max(MAX_LOW_BALANCE_USD).places(6));
        }
        // Every limit can hold at once and still exceed DynamoDB's 400 KB item: bound the whole as well.
        long size = values.values().stream()
                .mapToLong(value -> value == null ? 0 : Json.utf8Length(Json.mapper().valueToTree(value))).sum();
        if (size > MAX_PROFILE_BYTES) {
            v.fail("body", "The profile must not be larger than " + MAX_PROFILE_BYTES / 1000 + " KB in total.");
        }
        return values;
    }

    /** A full profile from registration values (absent fields are null). */
    public static AgentProfile toProfile(Map<Field, Object> v) {
        return new AgentProfile(
                (String) v.get(Field.NAME), (String) v.get(Field.AVATAR), (String) v.get(Field.OWNER_EMAIL),
                (String) v.get(Field.DESCRIPTION), (String) v.get(Field.WEBSITE_URL), (String) v.get(Field.CALLBACK_URL),
                (String) v.get(Field.VERSION), (String) v.get(Field.LAST_UPDATED_AT), (String) v.get(Field.LIMITATIONS),
                (String) v.get(Field.SLA), (String) v.get(Field.LICENSE), (String) v.get(Field.PRIVACY_URL),
                strings(v.get(Field.SKILLS)), strings(v.get(Field.LANGUAGES)), strings(v.get(Field.TAGS)),
                (ArrayNode) v.get(Field.INPUT_FORMATS), (ArrayNode) v.get(Field.OUTPUT_FORMATS),
                (ArrayNode) v.get(Field.EXAMPLE_REQUESTS), (ArrayNode) v.get(Field.EXAMPLE_RESPONSES),
                (ArrayNode) v.get(Field.ENV_REQUIREMENTS));
    }

    private static void format(Validator item) {
        item.string("name").required().max(255);
        item.string("type").max(100);
        item.string("description").max(5000);
        item.bool("required");
        item.string("example").max(5000);
    }

    private static void example(Validator item) {
        item.string("title").required().max(255);
        item.string("body").required().max(20000);
    }

    private static void envRequirement(Validator item) {
        item.string("name").required().max(255);
        item.string("value").max(1000);
        item.string("description").max(5000);
    }

    private static void put(Map<Field, Object> values, Field field, com.ceki.core.validation.Field<?, ?> input) {
        if (input.present()) {
            values.put(field, input.value());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }
}
