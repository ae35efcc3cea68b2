package com.ceki.storage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Typed reading and writing of DynamoDB attribute maps, so repositories read like the data they store.
 * Money is stored as a DynamoDB number built from the {@link BigDecimal}'s exact text, never a double.
 */
public final class Item {

    private final Map<String, AttributeValue> values;

    private Item(Map<String, AttributeValue> values) {
        this.values = values;
    }

    public static Item create() {
        return new Item(new HashMap<>());
    }

    public static Item key(String pk, String sk) {
        return create().s(Table.PK, pk).s(Table.SK, sk);
    }

    public static Item from(Map<String, AttributeValue> values) {
        return new Item(values == null ? Map.of() : values);
    }

    public Map<String, AttributeValue> map() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    // ---- writing (null values are skipped: absent attribute means "not set") ----

    public Item s(String name, String value) {
        if (value != null) {
            values.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    public Item n(String name, long value) {
        values.put(name, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    public Item n(String name, BigDecimal value) {
        if (value != null) {
            values.put(name, AttributeValue.fromN(value.toPlainString()));
        }
        return this;
    }

    /** Sets a number unless {@code value} is null: an unset value is an absent attribute, never a NULL. */
    public Item nIfPresent(String name, Long value) {
        return value == null ? this : n(name, value);
    }

    public Item bool(String name, boolean value) {
        values.put(name, AttributeValue.fromBool(value));
        return this;
    }

    public Item strings(String name, List<String> list) {
        if (list != null) {
            values.put(name, list(list));
        }
        return this;
    }

    /** Stores a JSON document (profile metadata) as a string: read back whole, never queried into. */
    public Item json(String name, String json) {
        return s(name, json);
    }

    public Item bytes(String name, byte[] value) {
        if (value != null) {
            values.put(name, AttributeValue.fromB(SdkBytes.fromByteArray(value)));
        }
        return this;
    }

    public static AttributeValue attr(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue attr(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue attr(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

    public static AttributeValue list(List<String> list) {
        List<AttributeValue> items = new ArrayList<>(list.size());
        list.forEach(v -> items.add(AttributeValue.fromS(v)));
        return AttributeValue.fromL(items);
    }

    // ---- reading ----

    public String string(String name) {
        AttributeValue v = values.get(name);
        return v == null ? null : v.s();
    }

    public long number(String name) {
        AttributeValue v = values.get(name);
        if (v == null || v.n() == null) {
            throw new IllegalStateException("Item has no number attribute " + name);
        }
        return Long.parseLong(v.n());
    }

    public long number(String name, long fallback) {
        AttributeValue v = values.get(name);
        return v == null || v.n() == null ? fallback : Long.parseLong(v.n());
    }

    /** The number, or null when the attribute is absent. */
    public Long optionalNumber(String name) {
        return has(name) ? number(name) : null;
    }

    /** A timestamp stored as ISO-8601 text, or null when the attribute is absent. */
    public Instant instant(String name) {
        String text = string(name);
        return text == null ? null : Instant.parse(text);
    }

    public BigDecimal decimal(String name) {
        AttributeValue v = values.get(name);
        return v == null || v.n() == null ? null : new BigDecimal(v.n());
    }

    public boolean bool(String name) {
        AttributeValue v = values.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    public List<String> strings(String name) {
        AttributeValue v = values.get(name);
        if (v == null || !v.hasL()) {
            return null;
        }
        List<String> out = new ArrayList<>(v.l().size());
        v.l().forEach(a -> out.add(a.s()));
        return out;
    }

    public byte[] bytes(String name) {
        AttributeValue v = values.get(name);
        return v == null || v.b() == null ? null : v.b().asByteArray();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
