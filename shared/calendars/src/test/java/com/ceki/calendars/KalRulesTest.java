package com.ceki.calendars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KalRulesTest {

    static JsonNode json(String text) {
        try {
            return Json.parse(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void assertOnly(Function<JsonNode, ?> rules, String body, String... fields) {
        var errors = assertThrows(ValidationFailed.class, () -> rules.apply(json(body))).errors();
        assertEquals(Set.of(fields), errors.keySet(), errors.toString());
    }

    @Test
    void createNeedsLabelAndPrivate() {
        KalRules.Input in = KalRules.create(json("{'label': 'Work', 'private': '1', 'files': [3, 3, 7], 'timezone': 'UTC'}"));
        assertEquals("Work", in.label());
        assertTrue(in.isPrivate(), "the Validator's boolean forms are accepted");
        assertEquals(List.of(3L, 3L, 7L), in.files());
        assertOnly(KalRules::create, "{}", "label", "private");
        assertOnly(KalRules::create, "{'label': ' ', 'private': 'yes'}", "label", "private");
        assertOnly(KalRules::create, "{'label': 'A', 'private': true, 'slug': 'A-b', 'timezone': 'Nowhere/Land'}", "slug", "timezone");
        assertOnly(KalRules::create, "{'label': 'A', 'private': true, 'files': [1, 'two', 2.5, 0]}", "files.1", "files.2", "files.3");
        assertOnly(KalRules::create, "[1]", "body", "label", "private");
    }

    @Test
    void updateKeepsWhatIsNotSentAndClearsNulls() {
        KalRules.Input in = KalRules.update(json("{'label': 'Work', 'description': null}"));
        assertNull(in.isPrivate());
        assertNull(in.files());
        assertTrue(in.clearDescription());
        assertFalse(in.clearTimezone());
        assertEquals(List.of(), KalRules.update(json("{'label': 'Work', 'files': null}")).files());
        assertOnly(KalRules::update, "{'private': false}", "label");
    }

    @Test
    void externalAndLinkInput() {
        var external = KalRules.external(json("{'id': 'a@b', 'summary': 'S', 'timeZone': 'Europe/Moscow'}"));
        assertFalse(external.from());
        assertOnly(KalRules::external, "{'summary': 'S', 'timeZone': 'Mars/Base', 'from': 'x'}", "id", "timeZone", "from");
        assertOnly(KalRules::external, "{'id': '" + "ж".repeat(200) + "', 'summary': 'S', 'timeZone': 'UTC'}", "id");
        assertEquals(5L, KalRules.link(json("{'id': 5, 'from': true}")).kalId());
        assertOnly(KalRules::link, "{'id': 'five'}", "id");
    }

    @Test
    void slugsComeFromTheLabel() {
        assertEquals("work-2026", Kals.slug("  Work, 2026! ", 1));
        assertEquals("cafe-creme", Kals.slug("Café Crème", 1));
        assertEquals("kal-42", Kals.slug("Работа", 42));
        assertTrue(KalRules.SLUG.matcher(Kals.slug("a".repeat(300), 1)).matches());
    }
}
