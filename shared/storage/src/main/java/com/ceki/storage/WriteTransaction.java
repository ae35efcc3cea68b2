package com.ceki.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One TransactWriteItems being put together by several repositories (an event, the hand whose clock it is, the
 * week it is logged in), committed all or nothing. A commit that DynamoDB cancels for failed conditions or a
 * conflicting transaction is an outcome the caller decides on (usually: re-read and try again), not an exception.
 */
public final class WriteTransaction {

    /** DynamoDB's limit of actions in one transaction. */
    public static final int MAX_ITEMS = 100;

    /** How a commit ended: done, or cancelled, with the positions whose conditions failed. */
    public record Outcome(boolean committed, List<Integer> failedConditions) {

        static final Outcome DONE = new Outcome(true, List.of());

        public boolean failedAt(int index) {
            return failedConditions.contains(index);
        }
    }

    private final Table table;
    private final List<TransactWriteItem> writes = new ArrayList<>();

    public WriteTransaction(Table table) {
        this.table = table;
    }

    /** The position the next write will have (to find it again in {@link Outcome#failedAt}). */
    public int size() {
        return writes.size();
    }

    /** Puts {@code item} unconditionally, or under what {@code options} add (a condition and its values). */
    public WriteTransaction put(Item item, Consumer<Put.Builder> options) {
        Put.Builder put = Put.builder().tableName(table.name()).item(item.map());
        options.accept(put);
        writes.add(TransactWriteItem.builder().put(put.build()).build());
        return this;
    }

    /** Puts an item that must not exist yet. */
    public WriteTransaction putNew(Item item) {
        return put(item, p -> p.conditionExpression("attribute_not_exists(PK)"));
    }

    /** Puts {@code item} on condition that its stored {@code attribute} still holds {@code expected}. */
    public WriteTransaction putIfUnchanged(Item item, String attribute, AttributeValue expected) {
        return put(item, p -> p.conditionExpression("#v = :expected")
                .expressionAttributeNames(Map.of("#v", attribute))
                .expressionAttributeValues(Map.of(":expected", expected)));
    }

    /** Updates the item at {@code key}; {@code update} sets the expression, condition, names and values. */
    public WriteTransaction update(Item key, Consumer<Update.Builder> update) {
        Update.Builder builder = Update.builder().tableName(table.name()).key(key.map());
        update.accept(builder);
        writes.add(TransactWriteItem.builder().update(builder.build()).build());
        return this;
    }

    /** Deletes the item at {@code key} (a no-op when it is not there). */
    public WriteTransaction delete(Item key) {
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table.name()).key(key.map()).build()).build());
        return this;
    }

    /** Fails the transaction unless the item at {@code key} meets {@code check}'s condition. */
    public WriteTransaction check(Item key, Consumer<ConditionCheck.Builder> check) {
        ConditionCheck.Builder builder = ConditionCheck.builder().tableName(table.name()).key(key.map());
        check.accept(builder);
        writes.add(TransactWriteItem.builder().conditionCheck(builder.build()).build());
        return this;
    }

    /**
     * Commits every write at once. Cancelled by failed conditions or by another transaction on the same items
     * ({@code TransactionConflict}, which DynamoDB advises retrying): an outcome; any other failure: thrown.
     */
    public Outcome commit() {
        if (writes.isEmpty()) {
            return Outcome.DONE;
        }
        if (writes.size() > MAX_ITEMS) {
            throw new IllegalStateException("A transaction of " + writes.size() + " writes exceeds DynamoDB's " + MAX_ITEMS);
        }
        try {
            table.client().transactWriteItems(t -> t.transactItems(writes));
            return Outcome.DONE;
        } catch (TransactionCanceledException e) {
            if (!Transactions.onlyConditionsFailed(e) && !Transactions.conflicted(e)) {
                throw e;
            }
            List<Integer> failed = new ArrayList<>();
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; reasons != null && i < reasons.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    failed.add(i);
                }
            }
            return new Outcome(false, List.copyOf(failed));
        }
    }
}
