package com.ceki.files;

import com.ceki.aws.AwsSettings;
import com.ceki.core.config.Config;
import com.ceki.core.ids.IdGenerator;
import com.ceki.storage.Table;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The file store and service. Needs an {@link AwsSettings} binding (StorageModule provides it). */
@Module
public final class FilesModule {

    private FilesModule() {}

    @Provides
    @Singleton
    static UserFiles userFiles(Table table, Config config, AwsSettings aws, IdGenerator ids, Clock clock) {
        return new UserFiles(table, FileStore.fromConfig(config, aws), ids, clock);
    }
}
