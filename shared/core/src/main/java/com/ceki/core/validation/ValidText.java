package com.ceki.core.validation;

import com.ceki.core.errors.ValidationFailed;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text in a request body must be valid Unicode. JSON's {@code \\uXXXX} escapes can spell half of a UTF-16
 * surrogate pair, which no UTF-8 text can hold: DynamoDB (and every store and client after it) refuses it. So the
 * whole body is checked once, as it is read, every string value and object field name at any depth, free-form
 * objects included; no field's own rules need to think about it.
 */
public final class ValidText {

    /** Enough to show what is wrong without letting a body of a million broken strings make a huge 422. */
    private static final int MAX_REPORTED = 20;

    private ValidText() {}

    /** Throws {@link ValidationFailed} naming the path of every broken text (up to {@value #MAX_REPORTED}). */
    public static void check(JsonNode body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        walk(body, "", errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    /** Whether {@code text} has no unpaired surrogate: whether it can be encoded as UTF-8. */
    public static boolean isValid(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void walk(JsonNode node, String path, Map<String, List<String>> errors) {
        if (errors.size() >= MAX_REPORTED) {
            return;
        }
        if (node.isTextual() && !isValid(node.textValue())) {
            fail(path, errors);
        } else if (node.isObject()) {
            for (var field : node.properties()) {
                // A broken name is reported as readable text: the 422 itself must be valid JSON text.
                String key = isValid(field.getKey()) ? field.getKey() : readable(field.getKey());
                String child = path.isEmpty() ? key : path + "." + key;
                if (!isValid(field.getKey())) {
                    fail(child, errors);
                }
                walk(field.getValue(), child, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path.isEmpty() ? Integer.toString(i) : path + "." + i, errors);
            }
        }
    }

    private static void fail(String path, Map<String, List<String>> errors) {
        String message = path.isEmpty() ? "The request body must be valid UTF-8 text."
                : "The " + Validator.display(path) + " field must be valid UTF-8 text.";
        errors.computeIfAbsent(path.isEmpty() ? "body" : path, k -> new ArrayList<>()).add(message);
    }

    /** The text with each unpaired surrogate replaced by U+FFFD, as a UTF-8 decoder would show it. */
    private static String readable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        return out.toString();
    }
}
