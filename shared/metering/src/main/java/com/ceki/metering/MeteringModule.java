package com.ceki.metering;

import com.ceki.core.config.Config;
import com.ceki.core.usage.UsageMeter;
import com.ceki.queues.QueuesModule;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The usage meter of functions that serve agent calls, on the function's one SQS client. */
@Module(includes = QueuesModule.class)
public final class MeteringModule {

    private MeteringModule() {}

    @Provides
    @Singleton
    static UsageMeter usageMeter(Config config, SqsClient sqs) {
        return new SqsUsageMeter(sqs, config.required("METERING_QUEUE_URL"));
    }
}
