package com.ceki.metering;

import com.ceki.aws.AwsSettings;
import com.ceki.core.config.Config;
import com.ceki.core.usage.UsageMeter;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The usage meter of functions that serve agent calls. Needs an {@link AwsSettings} binding (StorageModule). */
@Module
public final class MeteringModule {

    private MeteringModule() {}

    @Provides
    @Singleton
    static UsageMeter usageMeter(Config config, AwsSettings aws) {
        return SqsUsageMeter.fromConfig(config, aws);
    }
}
