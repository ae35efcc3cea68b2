package com.ceki.meteringfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.ceki.aws.LambdaLog;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes batches of the metering queue. Each message is counted on its own, idempotently; the ones that fail
 * are reported back ({@code ReportBatchItemFailures}) so only they are redelivered, and after the queue's
 * maximum receive count a poison message moves to the dead-letter queue while the rest of its batch commits.
 */
public final class MeteringHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final UsageCounting counting;

    public MeteringHandler() {
        this(DaggerMeteringComponent.create().counting());
    }

    MeteringHandler(UsageCounting counting) {
        this.counting = counting;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                counting.apply(message.getBody());
            } catch (RuntimeException e) {
                LambdaLog.line(context, "WARN metering message " + message.getMessageId() + " failed: " + e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
