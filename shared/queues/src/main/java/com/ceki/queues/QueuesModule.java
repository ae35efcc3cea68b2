package com.ceki.queues;

import com.ceki.aws.AwsSettings;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The function's one SQS client, reused across invocations by the usage meter and the webhook outbox alike. Needs an
 * {@link AwsSettings} binding (StorageModule); {@code SQS_ENDPOINT} points it at a local queue server.
 */
@Module
public final class QueuesModule {

    private QueuesModule() {}

    @Provides
    @Singleton
    static SqsClient sqs(AwsSettings aws) {
        return aws.configure(SqsClient.builder(), "SQS_ENDPOINT").build();
    }
}
