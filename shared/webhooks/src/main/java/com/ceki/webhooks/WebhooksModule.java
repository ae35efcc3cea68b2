package com.ceki.webhooks;

import com.ceki.core.config.Config;
import com.ceki.core.ids.IdGenerator;
import com.ceki.queues.QueuesModule;
import com.ceki.storage.Table;
import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The webhook outbox of functions whose changes cause events (billing, deposit credits), and the agent's secrets. */
@Module(includes = QueuesModule.class)
public final class WebhooksModule {

    private WebhooksModule() {}

    @Provides
    @Singleton
    static WebhookOutbox outbox(Table table, Config config, Lazy<SqsClient> sqs, IdGenerator ids, Clock clock) {
        return new WebhookOutbox(table, sqs, config.required("WEBHOOK_QUEUE_URL"), ids, clock);
    }

    @Provides
    @Singleton
    static WebhookSecrets secrets(Table table, Config config, Clock clock) {
        return new WebhookSecrets(table, config.required("WEBHOOK_SECRET_KEY"), clock);
    }

    @Provides
    @Singleton
    static WebhookAttempts attempts(Table table) {
        return new WebhookAttempts(table);
    }

    @Provides
    @Singleton
    static WebhookTargets targets(Config config) {
        return WebhookTargets.fromConfig(config);
    }
}
