package com.ceki.webhooks;

import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One delivery attempt of one event: sign it the Standard Webhooks way with the agent's current secrets, check the
 * target after resolving it, POST it, and record what happened. A 2xx within {@link #TIMEOUT} is delivered; anything
 * else is retried after the next delay of the schedule, and after the last attempt the event has failed (its message
 * then goes to the dead-letter queue). Events without a callback URL or a secret are skipped; a refused target is not
 * retried (its URL has to change first).
 */
public final class WebhookDelivery {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> FINISHED = Set.of("delivered", "failed", "refused", "skipped");

    /** What the queue should do with the event's message. */
    public sealed interface Outcome {
        /** Delivered, skipped, refused, or already done: delete the message. */
        record Done(String status) implements Outcome {}

        /** Failed this time: deliver again after {@code delay}. */
        record Retry(Duration delay) implements Outcome {}

        /** The last attempt failed: let the queue move the message to its dead-letter queue. */
        record GaveUp() implements Outcome {}
    }

    private final Table table;
    private final WebhookSecrets secrets;
    private final WebhookTargets targets;
    private final WebhookAttempts attempts;
    private final HttpClient http;
    private final List<Duration> retryDelays;
    private final Clock clock;

    /** {@code retryDelays}: the wait after each failed attempt; one attempt more than delays is made in all. */
    public WebhookDelivery(Table table, WebhookSecrets secrets, WebhookTargets targets, WebhookAttempts attempts,
                           HttpClient http, List<Duration> retryDelays, Clock clock) {
        this.table = table;
        this.secrets = secrets;
        this.targets = targets;
        this.attempts = attempts;
        this.http = http;
        this.retryDelays = List.copyOf(retryDelays);
        this.clock = clock;
    }

    /** The client a delivery posts with: no redirects (one could lead to an address the check refused). */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The attempts made in all before an event fails: the queue's {@code maxReceiveCount} must be this. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** Attempt {@code attempt} (1-based, the message's receive count) of the event {@code webhookId}. */
    public Outcome deliver(long agentId, String webhookId, int attempt) {
        Item event = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.webhookEvent(webhookId)).map()).consistentRead(true)).item());
        if (event.isEmpty() || FINISHED.contains(event.string("status"))) {
            return new Outcome.Done(event.isEmpty() ? "unknown" : event.string("status"));
        }
        String type = event.string("event_type");
        Instant started = clock.instant();
        String url = callbackUrl(agentId);
        if (url == null) {
            return finish(agentId, event, attempt(webhookId, type, attempt, started, "skipped", null, "the agent has no callback_url", null), "skipped");
        }
        List<String> signing = secrets.signing(agentId);
        if (signing.isEmpty()) {
            return finish(agentId, event, attempt(webhookId, type, attempt, started, "skipped", null,
                    "the agent has no webhook secret (POST /api/agent/webhook-secret)", url), "skipped");
        }
        Optional<String> refusal = targets.refusal(url);
        if (refusal.isPresent()) {
            return finish(agentId, event, attempt(webhookId, type, attempt, started, "refused", null, refusal.get(), url), "refused");
        }
        String body = event.string("body");
        Integer status = null;
        String error = null;
        try {
            HttpResponse<Void> response = http.send(request(url, webhookId, body, signing), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 == 2) {
                return finish(agentId, event, attempt(webhookId, type, attempt, started, "delivered", status, null, url), "delivered");
            }
            error = "HTTP " + status;
        } catch (HttpTimeoutException e) {
            error = "no answer within " + TIMEOUT.toSeconds() + " s";
        } catch (IOException e) {
            error = "could not connect: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        WebhookAttempts.Attempt failed = attempt(webhookId, type, attempt, started, "failed", status, error, url);
        if (attempt >= maxAttempts()) {
            finish(agentId, event, failed, "failed");
            return new Outcome.GaveUp();
        }
        attempts.record(agentId, failed);
        return new Outcome.Retry(retryDelays.get(attempt - 1));
    }

    private HttpRequest request(String url, String webhookId, String body, List<String> signing) {
        // Real time, not the (adjustable) business clock: receivers check it against their own clocks.
        long timestamp = Instant.now().getEpochSecond();
        List<String> signatures = new ArrayList<>(signing.size());
        for (String secret : signing) {
            try {
                signatures.add(new Webhook(secret).sign(webhookId, timestamp, body));
            } catch (WebhookSigningException | EmptyWebhookSecretException e) {
                throw new IllegalStateException("Cannot sign webhook " + webhookId, e);
            }
        }
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("content-type", "application/json")
                .header("user-agent", "ceki-webhooks/1")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", String.join(" ", signatures))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private WebhookAttempts.Attempt attempt(String webhookId, String type, int attempt, Instant started, String outcome,
                                            Integer status, String error, String url) {
        long ms = Duration.between(started, clock.instant()).toMillis();
        return new WebhookAttempts.Attempt(webhookId, type, attempt, started, outcome, status, error, Math.max(0, ms), url);
    }

    private Outcome finish(long agentId, Item event, WebhookAttempts.Attempt last, String status) {
        attempts.record(agentId, last);
        table.client().updateItem(u -> u.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.webhookEvent(event.string("webhook_id"))).map())
                .updateExpression("SET #s = :s, finished_at = :now")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", Item.attr(status), ":now", Item.attr(Timestamps.record(clock.instant())))));
        return new Outcome.Done(status);
    }

    private String callbackUrl(long agentId) {
        Item agent = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.AGENT).map()).projectionExpression("callback_url").consistentRead(true)).item());
        return agent.string("callback_url");
    }
}
