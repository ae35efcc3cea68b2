package com.ceki.metering;

import com.ceki.billing.UsageOutbox;
import com.ceki.core.json.Json;
import com.ceki.core.usage.UsageEvent;
import com.ceki.core.usage.UsageMeter;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Meters a call through the usage outbox: the event is stored (a paid call's was stored with its charge), then put on
 * the metering queue ({@code METERING_QUEUE_URL}) and its outbox marker cleared. Metering never fails the call it
 * measures: an event the queue refused stays in the outbox for {@link #sweep}, so an SQS outage delays counting but
 * loses nothing; the metering function counts each request id once however often it is queued.
 */
public final class OutboxUsageMeter implements UsageMeter {

    private final UsageOutbox outbox;
    private final SqsClient sqs;
    private final String queueUrl;

    public OutboxUsageMeter(UsageOutbox outbox, SqsClient sqs, String queueUrl) {
        this.outbox = outbox;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void record(UsageEvent event) {
        String body = Json.write(event.toJson());
        if (UsageEvent.PROFILE_VIEW.equals(event.type())) {
            // Not usage: a monotonic touch of last_accessed_at, from a public read that should not cost a write.
            send(event.requestId(), body, false);
            return;
        }
        if (event.chargedUsd().signum() == 0) {
            try {
                outbox.store(event, body); // a paid call's event was written with its debit
            } catch (RuntimeException e) {
                // The table refused: queue it directly, the one way left to keep it.
                System.err.println("WARN usage event not stored, queued directly: " + body + " (" + e + ")");
                send(event.requestId(), body, false);
                return;
            }
        }
        send(event.requestId(), body, true);
    }

    /**
     * Queues the events stored more than {@code olderThan} ago and not queued yet (the sweeper's run).
     *
     * @return how many were queued
     */
    public int sweep(Duration olderThan, int max) {
        int queued = 0;
        for (UsageOutbox.Pending pending : outbox.pending(olderThan, max)) {
            sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(pending.body()));
            outbox.queued(pending.requestId());
            queued++;
        }
        return queued;
    }

    private void send(String requestId, String body, boolean stored) {
        try {
            sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));
        } catch (RuntimeException e) {
            System.err.println((stored ? "WARN usage event " + requestId + " left for the sweeper: "
                    : "WARN usage event not queued: " + body + " ") + e);
            return;
        }
        if (stored) {
            try {
                outbox.queued(requestId);
            } catch (RuntimeException e) {
                // Queued but still marked: the sweeper queues it again, and counting is once per request id.
                System.err.println("WARN usage event " + requestId + " queued, marker left: " + e);
            }
        }
    }
}
