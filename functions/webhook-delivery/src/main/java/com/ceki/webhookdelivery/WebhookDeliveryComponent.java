package com.ceki.webhookdelivery;

import com.ceki.core.CoreModule;
import com.ceki.core.config.Config;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.webhooks.WebhookAttempts;
import com.ceki.webhooks.WebhookDelivery;
import com.ceki.webhooks.WebhookOutbox;
import com.ceki.webhooks.WebhookSecrets;
import com.ceki.webhooks.WebhookTargets;
import com.ceki.webhooks.WebhooksModule;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The object graph of the delivery and sweep functions (one jar, two handlers), generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, WebhooksModule.class, WebhookDeliveryComponent.Bindings.class})
interface WebhookDeliveryComponent {

    WebhookDelivery delivery();

    WebhookOutbox outbox();

    SqsClient sqs();

    Config config();

    @Module
    final class Bindings {
        private Bindings() {}

        /**
         * {@code WEBHOOK_RETRY_SECONDS}: the wait after each failed attempt, comma-separated (one attempt more than
         * waits in all; the queue's {@code maxReceiveCount} is that number).
         */
        @Provides
        @Singleton
        static WebhookDelivery delivery(Table table, WebhookSecrets secrets, WebhookTargets targets, WebhookAttempts attempts,
                                        Config config, Clock clock) {
            List<Duration> delays = Arrays.stream(config.required("WEBHOOK_RETRY_SECONDS").split(","))
                    .map(String::trim).map(Long::parseLong).map(Duration::ofSeconds).toList();
            return new WebhookDelivery(table, secrets, targets, attempts, WebhookDelivery.httpClient(), delays, clock);
        }
    }
}
