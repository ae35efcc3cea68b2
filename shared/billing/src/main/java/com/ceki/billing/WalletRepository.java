package com.ceki.billing;

import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.storage.Transactions;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Wallets ({@code AGENT#id / WALLET#<currency>}) and the guards of their deposit addresses
 * ({@code DEPOSIT_ADDRESS#<chain>#<address>}), which map an address back to its wallet for the deposit scanner.
 */
public final class WalletRepository {

    private final Table table;

    public WalletRepository(Table table) {
        this.table = table;
    }

    /** Hands out the next HD child index of a chain: atomic, so no two wallets share an address. */
    public long allocateAddressIndex(Chain chain) {
        var response = table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Item.key(Keys.counter("HD_INDEX#" + chain), Keys.COUNTER).map())
                .updateExpression("ADD next_index :one")
                .expressionAttributeValues(Map.of(":one", Item.attr(1)))
                .returnValues(ReturnValue.UPDATED_NEW)
                .build());
        return Long.parseLong(response.attributes().get("next_index").n()) - 1;
    }

    /** The two writes that create a wallet, for a caller's transaction: the wallet and its address guard. */
    public List<TransactWriteItem> creationWrites(long agentId, Wallet w, Instant now) {
        String at = Timestamps.record(now);
        return List.of(
                putNew(Item.key(Keys.agent(agentId), Keys.wallet(w.currency().name()))
                        .s("type", "wallet").n("id", w.id()).n("agent_id", agentId).s("currency", w.currency().name())
                        .n("balance", BigDecimal.ZERO).s("deposit_address", w.depositAddress())
                        .n("address_index", w.addressIndex()).s("created_at", at)),
                putNew(addressGuard(agentId, w)));
    }

    /** Maps the address back to its wallet (the scanners look up the addresses a block pays). */
    private static Item addressGuard(long agentId, Wallet w) {
        return Item.key(Keys.depositAddress(w.currency().chain().name(), w.depositAddress()), Keys.DEPOSIT_ADDRESS)
                .n("agent_id", agentId).s("currency", w.currency().name()).n("wallet_id", w.id())
                .s("address", w.depositAddress());
    }

    /** Creates a wallet; false when the agent already has one of that currency. */
    public boolean create(long agentId, Wallet wallet, Instant now) {
        try {
            table.client().transactWriteItems(t -> t.transactItems(creationWrites(agentId, wallet, now)));
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    public List<Wallet> wallets(long agentId) {
        var response = table.client().query(QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :w)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.agent(agentId)), ":w", Item.attr(Keys.WALLET_PREFIX)))
                .consistentRead(true)
                .build());
        List<Wallet> wallets = new ArrayList<>();
        for (Map<String, AttributeValue> raw : response.items()) {
            wallets.add(toWallet(Item.from(raw)));
        }
        wallets.sort(Comparator.comparingLong(Wallet::id));
        return wallets;
    }

    public Optional<Wallet> find(long agentId, Currency currency) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.wallet(currency.name())).map()).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(toWallet(item));
    }

    private TransactWriteItem putNew(Item item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item.map())
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    static Wallet toWallet(Item w) {
        return new Wallet(w.number("id"), Currency.valueOf(w.string("currency")), w.decimal("balance"),
                w.string("deposit_address"), w.number("address_index"));
    }
}
