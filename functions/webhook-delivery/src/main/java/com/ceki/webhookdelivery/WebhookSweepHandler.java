package com.ceki.webhookdelivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.ceki.webhooks.WebhookOutbox;
import java.time.Duration;
import java.util.Map;

/**
 * Runs on a schedule and queues the webhook events that were committed but never queued (their writer crashed after
 * the commit, or SQS refused the send). Only events older than {@code WEBHOOK_SWEEP_AFTER_SECONDS} are taken: younger
 * ones are still being queued by their writers.
 */
public final class WebhookSweepHandler implements RequestHandler<Map<String, Object>, String> {

    private static final int MAX_PER_RUN = 500;

    private final WebhookOutbox outbox;
    private final Duration after;

    public WebhookSweepHandler() {
        WebhookDeliveryComponent component = DaggerWebhookDeliveryComponent.create();
        this.outbox = component.outbox();
        this.after = Duration.ofSeconds(component.config().longValue("WEBHOOK_SWEEP_AFTER_SECONDS", 60));
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "queued " + outbox.sweep(after, MAX_PER_RUN);
    }
}
