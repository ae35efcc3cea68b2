package com.ceki.metering;

import com.ceki.core.json.Json;
import com.ceki.core.usage.UsageEvent;
import com.ceki.core.usage.UsageMeter;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Puts one message per metered call on the metering queue ({@code METERING_QUEUE_URL}). Metering never fails the
 * call it measures: a send that fails twice is logged with the event, for reconciliation from the ledger.
 */
public final class SqsUsageMeter implements UsageMeter {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsUsageMeter(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void record(UsageEvent event) {
        String body = Json.write(event.toJson());
        for (int attempt = 1; ; attempt++) {
            try {
                sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    System.err.println("ERROR usage event not sent: " + body + " (" + e + ")");
                    return;
                }
            }
        }
    }
}
