package com.ceki.depositscanner;

import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Timestamps;
import com.ceki.deposits.Deposit;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Final deposits the scanner could not credit yet because their USD value needs a BTC or ETH rate that is stale. Each
 * is held here ({@code DEPOSIT#... / DEPOSIT_HELD}, listed under GSI1 {@value #PENDING}) so that the cursor can move
 * past its block, and every run credits what it holds before it reads new blocks; the credit is exactly-once by the
 * deposit's key either way, so a hold left behind by a crash is credited at most once.
 */
public final class HeldDeposits {

    /** GSI1 partition of the deposits waiting for a rate. */
    static final String PENDING = "DEPOSITS_AWAITING_RATE";

    /** A held deposit and its owner. */
    public record Held(Deposit deposit, long agentId) {}

    private final Table table;
    private final Clock clock;

    public HeldDeposits(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    void hold(Deposit d, long agentId) {
        String at = Timestamps.record(clock.instant());
        table.client().putItem(p -> p.tableName(table.name()).item(Item.key(key(d), Keys.DEPOSIT_HELD)
                .s("type", "deposit_held").n("agent_id", agentId).s("chain", d.chain().name())
                .s("currency", d.currency().name()).s("tx_hash", d.txHash()).s("index", d.index())
                .n("block_number", d.blockNumber()).s("block_hash", d.blockHash()).s("to_address", d.toAddress())
                .n("amount", d.amount()).s("held_at", at)
                .s(Table.GSI1_PK, PENDING).s(Table.GSI1_SK, at + "#" + d.key()).map()));
    }

    /** The oldest held deposits, at most {@code max}. */
    List<Held> oldest(int max) {
        return table.client().query(QueryRequest.builder().tableName(table.name()).indexName(Table.GSI1)
                        .keyConditionExpression("GSI1PK = :p")
                        .expressionAttributeValues(Map.of(":p", Item.attr(PENDING))).limit(max).build())
                .items().stream().map(Item::from).map(item -> new Held(new Deposit(Chain.valueOf(item.string("chain")),
                        Currency.valueOf(item.string("currency")), item.string("tx_hash"), item.string("index"),
                        item.number("block_number"), item.string("block_hash"), item.string("to_address"),
                        item.decimal("amount")), item.number("agent_id"))).toList();
    }

    /** Forgets a hold once its deposit is credited (or recorded as not creditable). */
    void release(Deposit d) {
        table.client().deleteItem(r -> r.tableName(table.name()).key(Item.key(key(d), Keys.DEPOSIT_HELD).map()));
    }

    private static String key(Deposit d) {
        return Keys.deposit(d.chain().name(), d.txHash(), d.index());
    }
}
