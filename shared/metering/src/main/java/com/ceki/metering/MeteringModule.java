package com.ceki.metering;

import com.ceki.aws.Priming;
import com.ceki.billing.UsageOutbox;
import com.ceki.core.config.Config;
import com.ceki.core.usage.UsageMeter;
import com.ceki.queues.QueuesModule;
import com.ceki.storage.Table;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The usage meter of functions that serve agent calls: the usage outbox in the table, and the function's one SQS client. */
@Module(includes = QueuesModule.class)
public final class MeteringModule {

    private MeteringModule() {}

    @Provides
    @Singleton
    static UsageMeter usageMeter(OutboxUsageMeter meter) {
        return meter;
    }

    @Provides
    @Singleton
    static OutboxUsageMeter outboxUsageMeter(Config config, Table table, Clock clock, SqsClient sqs) {
        String queueUrl = config.required("METERING_QUEUE_URL");
        // Before a snapshot: a SendMessage that SQS refuses (a message body must have at least one character), so
        // the client's marshalling, signing and error path are loaded and nothing is queued.
        Priming.register("SQS SendMessage refused (empty body)", () -> {
            try {
                sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(""));
                throw new IllegalStateException("SQS accepted an empty message: priming must queue nothing");
            } catch (SqsException refused) {
                // as it must be
            }
        });
        return new OutboxUsageMeter(new UsageOutbox(table, clock), sqs, queueUrl);
    }
}
