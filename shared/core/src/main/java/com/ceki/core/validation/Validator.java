package com.ceki.core.validation;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads and validates the fields of a JSON object, collecting every failure Laravel-style (field name to
 * messages) so that one 422 names all of them. Typical use:
 *
 * <pre>{@code
 * Validator v = Validator.of(body);
 * String name = v.string("name").required().max(255).value();
 * List<String> skills = v.strings("skills").maxItems(100).itemMax(100).value();
 * v.check(); // throws ValidationFailed listing every failing field
 * }</pre>
 *
 * Wrong JSON types are validation failures, never exceptions. A field that is absent is distinguished from one
 * that is {@code null} ({@link Field#present()}), which PATCH semantics need.
 */
public final class Validator {

    private final JsonNode object;
    private final String prefix;
    private final Map<String, List<String>> errors;

    private Validator(JsonNode object, String prefix, Map<String, List<String>> errors) {
        this.object = object;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Validates a request body, which must be a JSON object. */
    public static Validator of(JsonNode body) {
        Validator v = new Validator(body, "", new LinkedHashMap<>());
        if (body == null || !body.isObject()) {
            v.fail("body", "The request body must be a JSON object.");
            return new Validator(Json.object(), "", v.errors);
        }
        return v;
    }

    /**
     * Validates query-string parameters. {@code name[]} parameters become arrays under {@code name}; everything
     * else is a string, which the integer and boolean rules accept in their textual forms. When both {@code name}
     * and {@code name[]} are sent, the later one wins.
     */
    public static Validator ofQuery(Map<String, List<String>> params) {
        ObjectNode node = Json.object();
        params.forEach((key, values) -> {
            if (key.endsWith("[]")) {
                String name = key.substring(0, key.length() - 2);
                ArrayNode array = node.get(name) instanceof ArrayNode existing ? existing : node.putArray(name);
                values.forEach(array::add);
            } else if (!values.isEmpty()) {
                node.put(key, values.get(values.size() - 1));
            }
        });
        return new Validator(node, "", new LinkedHashMap<>());
    }

    public StringField string(String name) {
        return new StringField(this, name, node(name));
    }

    public IntegerField integer(String name) {
        return new IntegerField(this, name, node(name));
    }

    public DecimalField decimal(String name) {
        return new DecimalField(this, name, node(name));
    }

    public ObjectField object(String name) {
        return new ObjectField(this, name, node(name));
    }

    public BooleanField bool(String name) {
        return new BooleanField(this, name, node(name));
    }

    public StringListField strings(String name) {
        return new StringListField(this, name, node(name));
    }

    public IntegerListField integers(String name) {
        return new IntegerListField(this, name, node(name));
    }

    public ObjectListField objects(String name) {
        return new ObjectListField(this, name, node(name));
    }

    /**
     * A listing's time bound: an ISO-8601 date-time with an offset, or a plain date ({@code 2026-04-20}), which
     * means that UTC day's first second, or as an {@code upper} bound its last, so that "to" a day includes it.
     * Null when absent; a failure (and null) when neither, or outside {@link Timestamps#inRange the years taken}.
     */
    public Instant timeBound(String name, boolean upper) {
        String text = string(name).max(40).value();
        if (text == null) {
            return null;
        }
        Instant bound;
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                bound = upper ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                bound = OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeParseException e) {
            fail(name, "The " + name + " field must be a valid date.");
            return null;
        }
        if (!Timestamps.inRange(bound)) {
            fail(name, "The " + name + " field must be a date " + Timestamps.RANGE + ".");
            return null;
        }
        return bound;
    }

    /** The field as sent (null when absent), for a rule that accepts more than one JSON type. */
    public JsonNode raw(String name) {
        return node(name);
    }

    /** True when the client sent the field at all (even as {@code null}). */
    public boolean present(String name) {
        return object.has(name);
    }

    /** True when the client sent the field with a value: {@code null} is as good as absent. */
    public boolean filled(String name) {
        return object.hasNonNull(name);
    }

    /** A closed object: any key outside {@code allowed} fails on its own path ({@code attendees.0.key}). */
    public void allowOnly(Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)) {
                fail(key, "The " + display(path(key)) + " field is not allowed.");
            }
        }
    }

    /** Records a failure of a rule the field classes do not cover. */
    public void fail(String field, String message) {
        errors.computeIfAbsent(prefix + field, k -> new ArrayList<>()).add(message);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public boolean hasError(String field) {
        return errors.containsKey(prefix + field);
    }

    /** Throws {@link ValidationFailed} listing every failure recorded so far. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    Validator nested(JsonNode item, String path) {
        return new Validator(item, prefix + path + ".", errors);
    }

    String path(String field) {
        return prefix + field;
    }

    private JsonNode node(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isMissingNode() ? null : node;
    }

    /** Laravel's display name of an attribute: {@code owner_email} reads "owner email". */
    static String display(String path) {
        return path.replace('_', ' ');
    }

    /** Runs {@code rules} against each object of a list, under {@code list.N.} paths. */
    static void eachObject(Validator parent, String name, ArrayNode items, Consumer<Validator> rules) {
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String path = name + "." + i;
            if (!item.isObject()) {
                parent.fail(path, "The " + display(parent.path(path)) + " field must be an object.");
            } else {
                rules.accept(parent.nested(item, path));
            }
        }
    }
}
