package com.ceki.email;

import com.ceki.aws.AwsSettings;
import com.ceki.core.config.Config;
import com.ceki.core.email.Mailer;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** Outgoing email through SES. Needs an {@link AwsSettings} binding (StorageModule provides it). */
@Module
public final class EmailModule {

    private EmailModule() {}

    @Provides
    @Singleton
    static Mailer mailer(Config config, AwsSettings aws) {
        return SesMailer.fromConfig(config, aws);
    }
}
