package com.ceki.depositscanner;

import com.ceki.core.money.Chain;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the scanner resumes on each chain: the next block to scan and the hash of the last one scanned, which the
 * next run compares with the chain to notice a reorganisation deeper than the finality depth.
 */
public final class ScanCursors {

    public record Cursor(long nextBlock, long lastBlock, String lastBlockHash) {}

    private final Table table;

    public ScanCursors(Table table) {
        this.table = table;
    }

    public Optional<Cursor> get(Chain chain) {
        Item item = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.scanCursor(chain.name()), Keys.CURSOR).map()).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty()
                : Optional.of(new Cursor(item.number("next_block"), item.number("last_block", -1), item.string("last_block_hash")));
    }

    public void save(Chain chain, Cursor cursor) {
        table.client().putItem(p -> p.tableName(table.name()).item(Item.key(Keys.scanCursor(chain.name()), Keys.CURSOR)
                .n("next_block", cursor.nextBlock()).n("last_block", cursor.lastBlock())
                .s("last_block_hash", cursor.lastBlockHash()).map()));
    }

    /** Records a reorganisation beyond finality, for an operator: credits made from the lost blocks stand. */
    void flagReorg(Chain chain, long block, String expectedHash, String actualHash) {
        table.client().putItem(p -> p.tableName(table.name()).item(Item.key(Keys.reorgAlert(chain.name()), Keys.pad(block))
                .s("type", "reorg_alert").s("expected_hash", expectedHash).s("actual_hash", actualHash)
                .s("seen_at", Instant.now().toString()).map()));
        System.err.println("ALERT " + chain + " reorganised beyond finality at block " + block + ": " + expectedHash
                + " is now " + actualHash + "; credits from the old branch stand, review them");
    }

}
