package com.ceki.depositscanner;

import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        List<Item> keys = distinct.stream().map(a -> Item.key(Keys.depositAddress(chain.name(), a), Keys.DEPOSIT_ADDRESS)).toList();
        // Eventually consistent: a guard is written long before a deposit to its address can be final on chain.
        for (Item item : Queries.getAll(table, keys, false)) {
            owners.put(item.string("address").toLowerCase(Locale.ROOT),
                    new Owner(item.number("agent_id"), Currency.valueOf(item.string("currency"))));
        }
        return owners;
    }
}
