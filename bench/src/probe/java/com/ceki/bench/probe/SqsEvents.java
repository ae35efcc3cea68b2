package com.ceki.bench.probe;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQS event a Lambda event source mapping delivers: one message whose body is option {@code body}.
 * Only loaded for the {@code sqs} kind, as only SQS-triggered functions contain these classes.
 */
final class SqsEvents {

    private SqsEvents() {}

    static SQSEvent batch(Map<String, String> options) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(options.get("requestId"));
        message.setReceiptHandle("probe");
        message.setBody(options.get("body"));
        Map<String, String> attributes = new HashMap<>();
        attributes.put("ApproximateReceiveCount", "1");
        message.setAttributes(attributes);
        message.setEventSource("aws:sqs");
        message.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:MeteringQueue");
        message.setAwsRegion("us-east-1");
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        records.add(message);
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** {@code failures=<n>}: how many messages the function reported as failed. */
    static String describe(Object response) {
        SQSBatchResponse batch = (SQSBatchResponse) response;
        int failures = batch.getBatchItemFailures() == null ? 0 : batch.getBatchItemFailures().size();
        return "failures=".concat(Integer.toString(failures));
    }
}
