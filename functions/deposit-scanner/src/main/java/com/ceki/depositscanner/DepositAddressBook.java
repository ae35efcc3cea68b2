package com.ceki.depositscanner;

import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Which of a set of on-chain addresses are ours, by batched key lookups ({@code DEPOSIT_ADDRESS#...}): the cost
 * grows with the addresses a block touches, never with how many deposit addresses exist.
 */
public class DepositAddressBook {

    /** The owner of a deposit address. */
    public record Owner(long agentId, Currency addressCurrency) {}

    private final Table table;

    public DepositAddressBook(Table table) {
        this.table = table;
    }

    /** Owners of those of {@code addresses} that are deposit addresses, by lower-cased address. */
    public Map<String, Owner> owners(Chain chain, Collection<String> addresses) {
        Map<String, Owner> owners = new HashMap<>();
        List<String> distinct = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().toList();
        for (int from = 0; from < distinct.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String address : distinct.subList(from, Math.min(from + 100, distinct.size()))) {
                keys.add(Item.key(Keys.depositAddress(chain.name(), address), Keys.DEPOSIT_ADDRESS).map());
            }
            Map<String, KeysAndAttributes> request = Map.of(table.name(), KeysAndAttributes.builder().keys(keys).build());
            do {
                var batch = request;
                var response = table.client().batchGetItem(b -> b.requestItems(batch));
                for (Map<String, AttributeValue> raw : response.responses().getOrDefault(table.name(), List.of())) {
                    Item item = Item.from(raw);
                    owners.put(item.string("address").toLowerCase(Locale.ROOT),
                            new Owner(item.number("agent_id"), Currency.valueOf(item.string("currency"))));
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of(); // throttled keys: again
            } while (!request.isEmpty());
        }
        return owners;
    }

    /** Every deposit address of a chain (Bitcoin: its indexer answers per address). */
    public List<String> all(Chain chain) {
        return Queries.all(table, QueryRequest.builder().tableName(table.name()).indexName(Table.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.depositAddresses(chain.name()))))
                .build()).stream().map(item -> item.string("address")).toList();
    }
}
