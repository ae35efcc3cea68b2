package com.ceki.local.runner;

import static com.ceki.local.template.SamTemplate.map;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.local.template.Intrinsic;
import com.ceki.local.template.SamTemplate;
import com.ceki.local.template.SamTemplate.FunctionDef;
import com.ceki.local.template.SamTemplate.QueueSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's SQS queues, created in the local SQS (with their redrive policies), and the event source
 * mappings of SQS-triggered functions: poll, hand the function an {@link SQSEvent} batch as Lambda does, delete
 * what it processed, and leave the rest, which the queue redelivers after the visibility timeout and moves to
 * its dead-letter queue after {@code maxReceiveCount} receives. Locally the visibility timeout is shortened
 * ({@code LOCAL_QUEUE_VISIBILITY_SECONDS}, default 2) so retries take seconds, not minutes.
 */
public final class LocalQueues implements AutoCloseable {

    private final SqsClient sqs;
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, String> arns = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> pollers = new ArrayList<>();

    private LocalQueues(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Creates every queue of the template (dead-letter targets first). */
    public static LocalQueues create(SamTemplate template, String sqsEndpoint) {
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(URI.create(sqsEndpoint))
                .region(Region.of(EmulatorStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmulatorStack.ACCESS_KEY, EmulatorStack.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        LocalQueues queues = new LocalQueues(sqs);
        int visibility = Integer.parseInt(System.getenv().getOrDefault("LOCAL_QUEUE_VISIBILITY_SECONDS", "2"));
        Map<String, Map<String, Object>> definitions = template.queues();
        Set<String> pending = new HashSet<>(definitions.keySet());
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (String id : List.copyOf(pending)) {
                Map<String, Object> redrive = map(definitions.get(id).get("RedrivePolicy"));
                String target = redrive.isEmpty() ? null : refTarget(redrive.get("deadLetterTargetArn"));
                if (target != null && !queues.arns.containsKey(target)) {
                    continue;
                }
                Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibility));
                if (target != null) {
                    attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + queues.arns.get(target)
                            + "\",\"maxReceiveCount\":\"" + redrive.get("maxReceiveCount") + "\"}");
                }
                String url = sqs.createQueue(c -> c.queueName(id).attributes(attributes)).queueUrl();
                String arn = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                queues.urls.put(id, url);
                queues.arns.put(id, arn);
                pending.remove(id);
                progress = true;
            }
            if (!progress) {
                throw new IllegalStateException("Queues with unresolvable dead-letter targets: " + pending);
            }
        }
        return queues;
    }

    /** Queue URLs by logical id ({@code !Ref MeteringQueue}). */
    public Map<String, String> urls() {
        return Map.copyOf(urls);
    }

    public SqsClient client() {
        return sqs;
    }

    /** Starts one poller per SQS event source of the template's functions. */
    void start(List<FunctionDef> functions, Functions instances) {
        for (FunctionDef function : functions) {
            for (QueueSource source : function.queues()) {
                String url = urls.get(source.queueLogicalId());
                if (url == null) {
                    throw new IllegalStateException(function.logicalId() + " listens to unknown queue " + source.queueLogicalId());
                }
                pollers.add(Thread.ofVirtual().name("sqs-" + function.logicalId()).start(
                        () -> poll(function, source, url, arns.get(source.queueLogicalId()), instances)));
            }
        }
    }

    private void poll(FunctionDef function, QueueSource source, String url, String arn, Functions instances) {
        while (running.get()) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url)
                        .maxNumberOfMessages(Math.min(10, source.batchSize())).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (!messages.isEmpty()) {
                    deliver(function, source, url, arn, messages, instances);
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("[local-sqs] " + function.logicalId() + ": " + e);
                    sleep();
                }
            }
        }
    }

    private void deliver(FunctionDef function, QueueSource source, String url, String arn, List<Message> messages,
                         Functions instances) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new LinkedHashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            record.setMessageAttributes(Map.of());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(arn);
            record.setAwsRegion(EmulatorStack.REGION);
            records.add(record);
        }
        event.setRecords(records);
        Set<String> failed = new HashSet<>();
        try {
            RequestHandler<Object, Object> handler = instances.handler(function);
            Object response = handler.handleRequest(event, new LocalContext(function.logicalId(), UUID.randomUUID().toString()));
            if (source.reportBatchItemFailures() && response instanceof SQSBatchResponse batch && batch.getBatchItemFailures() != null) {
                Set<String> ids = new HashSet<>();
                messages.forEach(m -> ids.add(m.messageId()));
                for (var failure : batch.getBatchItemFailures()) {
                    if (!ids.contains(failure.getItemIdentifier())) {
                        return; // Lambda treats an unknown identifier as a failure of the whole batch
                    }
                    failed.add(failure.getItemIdentifier());
                }
            }
        } catch (RuntimeException | Error e) {
            System.err.println("[local-sqs] " + function.logicalId() + " failed its batch: " + e);
            return; // the whole batch becomes visible again
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size())).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(d -> d.queueUrl(url).entries(done));
        }
    }

    private static String refTarget(Object value) {
        if (value instanceof Intrinsic i) {
            String arg = String.valueOf(i.argument());
            return arg.contains(".") ? arg.substring(0, arg.indexOf('.')) : arg;
        }
        throw new IllegalStateException("Expected !GetAtt Queue.Arn, got " + value);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        pollers.forEach(Thread::interrupt);
        for (Thread poller : pollers) {
            try {
                poller.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sqs.close();
    }
}
