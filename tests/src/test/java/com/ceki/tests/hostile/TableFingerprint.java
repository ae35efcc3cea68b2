package com.ceki.tests.hostile;

import com.ceki.storage.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The whole table, read with one full Scan and kept item by item: comparing two fingerprints tells whether a request
 * wrote anything, and which items and attributes it touched (attribute values compare by content). The table is tiny in the hostile-input test's own
 * JVM, so a Scan per request is affordable.
 *
 * <p>Left out, because a refused request writes them by design (they are how refusals are counted):
 * <ul>
 *   <li>{@code ATTEMPTS#...} items (attempt windows of logins and OTP sends) and {@code THROTTLE#...} items (resend
 *       intervals of codes);</li>
 *   <li>{@code code_attempts} on agent items (a wrong email-verification code spends one);</li>
 *   <li>{@code attempts} on {@code OTP#...} items (a wrong one-time password spends one);</li>
 *   <li>{@code RATES#USD}, which the local rate feed rewrites on its own timer, not because of a request.</li>
 * </ul>
 * Idempotency claims are NOT left out: the router deletes a claim when the call ends in a 4xx, so a refused call
 * leaves none behind.
 */
final class TableFingerprint {

    private static final Set<String> SKIPPED_PREFIXES = Set.of("ATTEMPTS#", "THROTTLE#", "RATES#");

    /** Item key ("PK | SK") to its attributes (less the ignored ones). */
    private final SortedMap<String, Map<String, AttributeValue>> items;

    private TableFingerprint(SortedMap<String, Map<String, AttributeValue>> items) {
        this.items = items;
    }

    static TableFingerprint of(DynamoDbClient dynamo, String table) {
        SortedMap<String, Map<String, AttributeValue>> items = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(s -> s.tableName(table).consistentRead(true).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                String pk = item.get(Table.PK).s();
                if (SKIPPED_PREFIXES.stream().noneMatch(pk::startsWith)) {
                    items.put(pk + " | " + item.get(Table.SK).s(), relevant(pk, item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new TableFingerprint(items);
    }

    int size() {
        return items.size();
    }

    /** What changed from {@code before} to this: added, removed and changed item keys; empty when nothing did. */
    List<String> changesSince(TableFingerprint before) {
        List<String> changes = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.items.keySet());
        keys.addAll(items.keySet());
        for (String key : keys) {
            Map<String, AttributeValue> was = before.items.get(key);
            Map<String, AttributeValue> now = items.get(key);
            if (was == null) {
                changes.add("added " + key);
            } else if (now == null) {
                changes.add("removed " + key);
            } else if (!was.equals(now)) { // attribute values compare by content
                Set<String> names = new TreeSet<>(was.keySet());
                names.addAll(now.keySet());
                names.removeIf(name -> Objects.equals(was.get(name), now.get(name)));
                changes.add("changed " + key + " " + names);
            }
        }
        return changes;
    }

    private static Map<String, AttributeValue> relevant(String pk, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> kept = new HashMap<>(item);
        if (pk.startsWith("AGENT#")) {
            kept.remove("code_attempts");
        } else if (pk.startsWith("OTP#")) {
            kept.remove("attempts");
        }
        return kept;
    }
}
