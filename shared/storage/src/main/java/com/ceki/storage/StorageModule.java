package com.ceki.storage;

import com.ceki.aws.AwsSettings;
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
        return Table.fromConfig(config, aws);
    }

    /** Responses kept by {@code Idempotency-Key}, for billed agent routes and people's money routes alike. */
    @Provides
    @Singleton
    static IdempotencyStore idempotency(Table table, Clock clock) {
        return new DynamoIdempotencyStore(table, clock);
    }
}
