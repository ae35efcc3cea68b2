package com.ceki.billing;

import com.ceki.billing.LedgerEntry.Type;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.storage.Transactions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The append-only ledger. Every balance change is one DynamoDB transaction of three writes: the wallet's balance
 * (a debit on condition that the balance covers it), the new entry, and the movement's idempotency guard
 * ({@code LEDGER_KEY#<key>}), so a movement happens at most once however often it is retried, and a balance
 * never goes negative however many debits race.
 */
public final class Ledger {

    /** Outcome of a debit attempt. */
    public sealed interface Debit {
        /** The wallet paid; {@code entry} is the new charge. */
        record Paid(LedgerEntry entry) implements Debit {}

        /** This key was charged before: nothing new was written. */
        record AlreadyPaid(long entryId, Currency currency, BigDecimal amount) implements Debit {}

        /** The balance did not cover the amount when the write ran. */
        record Insufficient() implements Debit {}

        /** Other transactions kept touching the wallet (DynamoDB's TransactionConflict, past the SDK's retries): try later. */
        record Contended() implements Debit {}

        /** The caller's own write at {@code index} of those it asked to commit alongside refused (a spend cap). */
        record Declined(int index) implements Debit {}
    }

    private static final int ID_ATTEMPTS = 3;
    /** The wallet, the entry and the guard: the writes of every movement, before any the caller adds. */
    private static final int MOVEMENT_WRITES = 3;

    private final Table table;
    private final IdGenerator ids;
    private final Clock clock;

    public Ledger(Table table, IdGenerator ids, Clock clock) {
        this.table = table;
        this.ids = ids;
        this.clock = clock;
    }

    /** Takes {@code amount} from the agent's wallet of {@code currency}, once per {@code key}. */
    public Debit debit(long agentId, Currency currency, BigDecimal amount, String key, String description) {
        return debit(agentId, currency, amount, key, description, List.of());
    }

    /**
     * As above, committing the caller's {@code alongside} writes (the spend counters) in the same transaction: the
     * debit happens with all of them or not at all.
     */
    public Debit debit(long agentId, Currency currency, BigDecimal amount, String key, String description,
                       List<TransactWriteItem> alongside) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("A debit must be positive: " + amount);
        }
        for (int attempt = 1; ; attempt++) {
            LedgerEntry entry = new LedgerEntry(ids.next(), Type.CHARGE, amount.negate(), currency, description, clock.instant());
            try {
                write(agentId, entry, key, "balance >= :amount", alongside);
                return new Debit.Paid(entry);
            } catch (TransactionCanceledException e) {
                if (Transactions.conditionFailedAt(e, 2)) {
                    return previous(key).<Debit>map(p -> p).orElseThrow(() -> e);
                }
                if (Transactions.conditionFailedAt(e, 0)) {
                    return new Debit.Insufficient();
                }
                for (int i = 0; i < alongside.size(); i++) {
                    if (Transactions.conditionFailedAt(e, MOVEMENT_WRITES + i)) {
                        return new Debit.Declined(i);
                    }
                }
                if (Transactions.conflicted(e)) {
                    return new Debit.Contended();
                }
                if (Transactions.conditionFailedAt(e, 1) && attempt < ID_ATTEMPTS) {
                    continue; // the new entry's id was minted in the same millisecond as another: mint again
                }
                throw e;
            }
        }
    }

    /**
     * Adds {@code amount} to the wallet, once per {@code key}.
     *
     * @return the new entry, or empty when this key was credited before
     */
    public Optional<LedgerEntry> credit(long agentId, Currency currency, BigDecimal amount, Type type, String key,
                                        String description) {
        return credit(agentId, currency, amount, type, key, description, List.of());
    }

    /** As above, with the caller's {@code alongside} writes in the same transaction (a refund's spend given back). */
    public Optional<LedgerEntry> credit(long agentId, Currency currency, BigDecimal amount, Type type, String key,
                                        String description, List<TransactWriteItem> alongside) {
        if (amount.signum() <= 0 || type == Type.CHARGE) {
            throw new IllegalArgumentException("A credit must be a positive deposit or refund: " + amount);
        }
        for (int attempt = 1; ; attempt++) {
            LedgerEntry entry = new LedgerEntry(ids.next(), type, amount, currency, description, clock.instant());
            try {
                write(agentId, entry, key, "attribute_exists(PK)", alongside);
                return Optional.of(entry);
            } catch (TransactionCanceledException e) {
                if (Transactions.conditionFailedAt(e, 2)) {
                    return Optional.empty();
                }
                if ((Transactions.conflicted(e) || Transactions.conditionFailedAt(e, 1)) && attempt < ID_ATTEMPTS) {
                    continue; // a concurrent write or an id minted twice: the guard keeps the retry exactly-once
                }
                throw e;
            }
        }
    }

    /** The writes of one movement, for callers that must add their own (the deposit scanner's activation). */
    public List<TransactWriteItem> movementWrites(long agentId, LedgerEntry entry, String key, String walletCondition) {
        return movementWrites(agentId, entry, key, walletCondition, Map.of());
    }

    /**
     * As above, with values of the caller's own wallet condition ({@code balance = :before}, for a credit that must
     * know the balance it leaves).
     */
    public List<TransactWriteItem> movementWrites(long agentId, LedgerEntry entry, String key, String walletCondition,
                                                  Map<String, AttributeValue> conditionValues) {
        String at = Timestamps.record(entry.createdAt());
        BigDecimal absolute = entry.amount().abs();
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        values.put(":amount", Item.attr(absolute));
        values.put(":now", Item.attr(at));
        Update wallet = Update.builder().tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.wallet(entry.currency().name())).map())
                .updateExpression("SET balance = balance " + (entry.amount().signum() < 0 ? "-" : "+") + " :amount, updated_at = :now")
                .conditionExpression(walletCondition)
                .expressionAttributeValues(values)
                .build();
        Item entryItem = Item.key(Keys.agent(agentId), Keys.ledgerEntry(entry.id()))
                .s("type", "ledger_entry").n("id", entry.id()).s("entry_type", entry.type().wire())
                .n("amount", entry.amount()).s("currency", entry.currency().name())
                .s("description", entry.description()).s("created_at", at).s("idempotency_key", key);
        Item guard = Item.key(Keys.ledgerKey(key), Keys.LEDGER_KEY)
                .n("agent_id", agentId).n("entry_id", entry.id()).s("currency", entry.currency().name())
                .n("amount", entry.amount()).s("created_at", at);
        return List.of(
                TransactWriteItem.builder().update(wallet).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(entryItem.map())
                        .conditionExpression("attribute_not_exists(PK)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(guard.map())
                        .conditionExpression("attribute_not_exists(PK)").build()).build());
    }

    private void write(long agentId, LedgerEntry entry, String key, String walletCondition,
                       List<TransactWriteItem> alongside) {
        List<TransactWriteItem> writes = new ArrayList<>(movementWrites(agentId, entry, key, walletCondition));
        writes.addAll(alongside);
        table.client().transactWriteItems(t -> t.transactItems(writes));
    }

    private Optional<Debit.AlreadyPaid> previous(String key) {
        Item guard = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.ledgerKey(key), Keys.LEDGER_KEY).map()).consistentRead(true)).item());
        if (guard.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Debit.AlreadyPaid(guard.number("entry_id"), Currency.valueOf(guard.string("currency")),
                guard.decimal("amount").negate()));
    }

    /** A page of an agent's entries, newest first. */
    public record Page(List<LedgerEntry> entries, int page, int perPage, long total) {}

    public Page page(long agentId, int page, int perPage) {
        QueryRequest query = entriesQuery(agentId);
        List<LedgerEntry> entries = Queries.page(table, query, page, perPage).stream().map(Ledger::toEntry).toList();
        return new Page(entries, page, perPage, Queries.count(table, query));
    }

    /** Every entry of an agent, newest first (audits and tests: the balance is the sum of these). */
    public List<LedgerEntry> all(long agentId) {
        return Queries.all(table, entriesQuery(agentId)).stream().map(Ledger::toEntry).toList();
    }

    private QueryRequest entriesQuery(long agentId) {
        return QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :tx)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.agent(agentId)), ":tx", Item.attr(Keys.TX_PREFIX)))
                .scanIndexForward(false)
                .consistentRead(true)
                .build();
    }

    private static LedgerEntry toEntry(Item item) {
        return new LedgerEntry(item.number("id"), Type.valueOf(item.string("entry_type").toUpperCase(Locale.ROOT)),
                item.decimal("amount"), Currency.valueOf(item.string("currency")), item.string("description"),
                Instant.parse(item.string("created_at")));
    }
}
