package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.aws.Priming;
import com.ceki.local.LocalServer;
import com.ceki.local.template.SamTemplate.FunctionDef;
import com.ceki.local.template.SamTemplate;
import com.ceki.storage.Table;
import com.ceki.tests.support.TestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SnapStart priming (issue 18) runs before a snapshot that every restored copy shares, so it must write nothing:
 * every function of the template is constructed as Lambda constructs it, then its priming runs as a checkpoint runs
 * it, and the table is the same afterwards, item for item.
 */
class PrimingTest {

    @Test
    void primingEveryFunctionWritesNothing() throws Exception {
        TestServer.get(); // sets the functions' configuration in this JVM
        SamTemplate template = SamTemplate.load(LocalServer.repoRoot().resolve("template.yaml"));
        List<Object> handlers = new ArrayList<>();
        for (FunctionDef f : template.functions()) {
            handlers.add(Class.forName(f.handlerClass()).getDeclaredConstructor().newInstance());
        }
        assertEquals(template.functions().size(), handlers.size());

        Table table = TestServer.table();
        List<Map<String, AttributeValue>> before = quietItems(table);
        Priming.primeNow();
        List<Map<String, AttributeValue>> after = items(table);

        List<Map<String, AttributeValue>> added = new ArrayList<>(after);
        added.removeAll(before);
        List<Map<String, AttributeValue>> removed = new ArrayList<>(before);
        removed.removeAll(after);
        assertTrue(added.isEmpty() && removed.isEmpty(), "priming changed the table: added " + added + ", removed " + removed);
        assertTrue(after.stream().noneMatch(item -> item.get(Table.PK).s().matches(".*#0(#.*)?|PRIMING")),
                "nothing may be stored for the priming caller (id 0) or the priming key");
    }

    /** The SES priming sends a message with no recipient and no body, which must be refused: nothing sent. */
    @Test
    void sesRefusesTheMessageThatPrimingSends() {
        String endpoint = TestServer.get().stack().endpoints().ses();
        try (SesClient ses = SesClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThrows(SdkException.class, () -> ses.sendEmail(r -> r.source("no-reply@ceki.local")
                    .message(m -> m.subject(c -> c.data("priming")))));
        }
    }

    /** The SQS priming sends an empty message, which must be refused (SQS wants at least one character): nothing queued. */
    @Test
    void theQueuesRefuseTheEmptyMessageThatPrimingSends() {
        var queues = TestServer.get().queues();
        String url = queues.urls().get("MeteringQueue");
        assertThrows(SqsException.class, () -> queues.client().sendMessage(m -> m.queueUrl(url).messageBody("")));
    }

    /** The table once nothing has changed it for two seconds (earlier tests' queued work has finished). */
    private static List<Map<String, AttributeValue>> quietItems(Table table) throws InterruptedException {
        List<Map<String, AttributeValue>> items = items(table);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(2000);
            List<Map<String, AttributeValue>> again = items(table);
            if (new HashSet<>(again).equals(new HashSet<>(items))) { // a scan's order is not stable
                return again;
            }
            items = again;
        }
        return items;
    }

    private static List<Map<String, AttributeValue>> items(Table table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.client().scanPaginator(ScanRequest.builder().tableName(table.name()).consistentRead(true).build())
                .items().forEach(items::add);
        return items;
    }
}
