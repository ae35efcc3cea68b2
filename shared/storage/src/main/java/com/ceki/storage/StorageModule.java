package com.ceki.storage;

import com.ceki.aws.AwsSettings;
import com.ceki.core.config.Config;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The table and its client, built once per function instance. */
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
}
