package com.ceki.storage;

import com.ceki.aws.AwsSettings;
import com.ceki.aws.Priming;
import com.ceki.core.config.Config;
import com.ceki.core.idempotency.IdempotencyStore;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The table and its client, built once per function instance, and what is stored in it for every function. */
@Module
public final class StorageModule {

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
        // Before a snapshot: one read of a key nothing is stored under, so the client's marshalling, signing and
        // HTTP classes are loaded and initialised (the connection itself is opened again after a restore).
        Priming.register("DynamoDB GetItem of an absent key", () -> table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key("PRIMING", "PRIMING").map())));
        return table;
    }

    /** Responses kept by {@code Idempotency-Key}, for billed agent routes and people's money routes alike. */
    @Provides
    @Singleton
    static IdempotencyStore idempotency(Table table, Clock clock) {
        return new DynamoIdempotencyStore(table, clock);
    }
}
