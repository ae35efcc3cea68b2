package com.ceki.storage;

import com.ceki.aws.AwsSettings;
import com.ceki.aws.Priming;
import com.ceki.core.config.Config;
import com.ceki.core.idempotency.IdempotencyStore;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import javax.inject.Singleton;

/** The table and its client, built once per function instance, and what is stored in it for every function. */
@Module
public final class StorageModule {

    /** The partition and sort key of the priming calls: nothing is ever stored under it. */
    private static final String PRIMING = "PRIMING";

    private StorageModule() {}

    @Provides
    @Singleton
    static AwsSettings awsSettings(Config config) {
        return new AwsSettings(config);
    }

    @Provides
    @Singleton
    static Table table(Config config, AwsSettings aws) {
        Table table = Table.fromConfig(config, aws);
        // Before a snapshot: the client's kinds of call on a key nothing is stored under, so its marshalling, signing,
        // error and HTTP classes are loaded (the connection itself is opened again after a restore). The update and
        // the transaction are conditional on the item existing, so they fail and write nothing.
        Map<String, AttributeValue> absent = Item.key(PRIMING, PRIMING).map();
        Priming.register("DynamoDB GetItem, Query and a cancelled transaction on an absent key", () -> {
            table.client().getItem(g -> g.tableName(table.name()).key(absent));
            table.client().query(q -> q.tableName(table.name()).keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", Table.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PRIMING))).limit(1));
            table.client().batchGetItem(b -> b.requestItems(Map.of(table.name(),
                    KeysAndAttributes.builder().keys(absent).consistentRead(true).build())));
            try {
                table.client().updateItem(u -> u.tableName(table.name()).key(absent)
                        .updateExpression("SET #v = :v").conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", Table.PK, "#v", "v"))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1"))));
            } catch (ConditionalCheckFailedException expected) {
                // the condition failed, as it must: nothing was written
            }
            try {
                // Every kind of transaction item, on keys of their own; the failed check cancels them all.
                table.client().transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(table.name()).key(absent)
                                .conditionExpression("attribute_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", Table.PK))).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table.name())
                                .item(Item.key(PRIMING, "PUT").n("v", 1).map())).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(table.name())
                                .key(Item.key(PRIMING, "UPDATE").map()).updateExpression("SET #v = :v")
                                .expressionAttributeNames(Map.of("#v", "v"))
                                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName(table.name())
                                .key(Item.key(PRIMING, "DELETE").map())).build()));
            } catch (TransactionCanceledException expected) {
                // the condition failed, as it must: nothing was written
            }
        });
        return table;
    }

    /** Responses kept by {@code Idempotency-Key}, for billed agent routes and people's money routes alike. */
    @Provides
    @Singleton
    static IdempotencyStore idempotency(Table table, Clock clock) {
        return new DynamoIdempotencyStore(table, clock);
    }
}
