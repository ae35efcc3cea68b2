package com.ceki.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.validation.ValidText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidTextTest {

    @Test
    void pairedSurrogatesAndEveryOtherCharAreValid() throws Exception {
        assertTrue(ValidText.isValid("\uD83D\uDE00 \u0000 \uFFFF \u202E e\u0301"));
        assertDoesNotThrow(() -> ValidText.check(Json.parse("{\"a\": \"\\ud83d\\ude00\", \"b\": [\"\\u0000\"], \"c\": 1}")));
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        for (String text : List.of("\uD800", "\uDC00", "a\uD800b", "\uDC00\uD800", "x\uD83D", "\uD83D\uD83D\uDE00x\uDE00")) {
            assertFalse(ValidText.isValid(text), text);
        }
    }

    @Test
    void everyBrokenTextIsNamedByItsPathAtAnyDepth() throws Exception {
        var errors = assertThrows(ValidationFailed.class, () -> ValidText.check(Json.parse(
                "{\"name\": \"ok\", \"skills\": [\"a\", \"b\", \"x\\ud800\"],"
                        + " \"settings\": {\"events\": [{\"label\": \"\\udc00\"}], \"free\": {\"form_note\": \"\\ud800\"}}}"))).errors();
        assertEquals(Map.of(
                "skills.2", List.of("The skills.2 field must be valid UTF-8 text."),
                "settings.events.0.label", List.of("The settings.events.0.label field must be valid UTF-8 text."),
                "settings.free.form_note", List.of("The settings.free.form note field must be valid UTF-8 text.")), errors);
    }

    @Test
    void aBrokenFieldNameIsNamedReadablyAndABrokenRootIsTheBody() throws Exception {
        var errors = assertThrows(ValidationFailed.class, () -> ValidText.check(Json.parse("{\"a\": {\"b\\ud800c\": 1}}"))).errors();
        assertEquals(Map.of("a.b\uFFFDc", List.of("The a.b\uFFFDc field must be valid UTF-8 text.")), errors);
        var root = assertThrows(ValidationFailed.class, () -> ValidText.check(Json.parse("\"\\udc00\""))).errors();
        assertEquals(Map.of("body", List.of("The request body must be valid UTF-8 text.")), root);
    }

    @Test
    void aBodyFullOfBrokenTextReportsABoundedNumber() throws Exception {
        String body = "[" + "\"\\ud800\",".repeat(10_000) + "\"\\ud800\"]";
        assertEquals(20, assertThrows(ValidationFailed.class, () -> ValidText.check(Json.parse(body))).errors().size());
    }
}
