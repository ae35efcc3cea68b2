package com.ceki.webhookdelivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ceki.aws.LambdaLog;
import com.ceki.core.json.Json;
import com.ceki.webhooks.WebhookDelivery;
import com.ceki.webhooks.WebhookDelivery.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Consumes the webhook queue: one delivery attempt per message, the messages of a batch in parallel. The attempt
 * number is the message's receive count. A failed attempt sets the message's visibility timeout to the next wait of
 * the backoff schedule and reports the message as failed, so SQS itself holds it until then; after the last attempt
 * the queue's redrive policy moves it to the dead-letter queue. Every retry is the same message, so it carries the
 * same {@code webhook-id}.
 */
public final class WebhookDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final WebhookDelivery delivery;
    private final SqsClient sqs;
    private final String queueUrl;

    public WebhookDeliveryHandler() {
        this(DaggerWebhookDeliveryComponent.create());
    }

    private WebhookDeliveryHandler(WebhookDeliveryComponent component) {
        this.delivery = component.delivery();
        this.sqs = component.sqs();
        this.queueUrl = component.config().required("WEBHOOK_QUEUE_URL");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                results.add(workers.submit(() -> handle(message, context)));
            }
            for (int i = 0; i < results.size(); i++) {
                boolean done;
                try {
                    done = results.get(i).get();
                } catch (Exception e) {
                    done = false;
                }
                if (!done) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(event.getRecords().get(i).getMessageId()));
                }
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** One message: true when it is finished with (delete it), false when the queue should keep it. */
    private boolean handle(SQSEvent.SQSMessage message, Context context) {
        try {
            JsonNode body = Json.parse(message.getBody());
            int attempt = Integer.parseInt(message.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
            Outcome outcome = delivery.deliver(body.path("agent_id").asLong(), body.path("webhook_id").asText(), attempt);
            return switch (outcome) {
                case Outcome.Done done -> true;
                case Outcome.Retry retry -> {
                    holdFor(message, (int) retry.delay().toSeconds());
                    yield false;
                }
                case Outcome.GaveUp gaveUp -> {
                    holdFor(message, 0); // received once more, the queue moves it to the dead-letter queue
                    yield false;
                }
            };
        } catch (Exception e) {
            LambdaLog.line(context, "WARN webhook message " + message.getMessageId() + " failed: " + e);
            return false;
        }
    }

    /** Keeps the message invisible for {@code seconds} (SQS allows at most 12 hours). */
    private void holdFor(SQSEvent.SQSMessage message, int seconds) {
        sqs.changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
                .visibilityTimeout(Math.min(seconds, 12 * 60 * 60)));
    }
}
