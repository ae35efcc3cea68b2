package com.ceki.bench;

import com.ceki.storage.Item;
import com.ceki.storage.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Seeds a benchmark's data as the items the repositories build, written straight to the table: far faster than
 * the API for thousands of items, and what is measured then reads exactly what production would have written.
 */
final class Seeding {

    private static final int BATCH = 25; // BatchWriteItem's maximum
    private static final int WRITERS = 8;

    private Seeding() {}

    /** BatchWriteItem, 25 items a call, 8 writers, unprocessed items resent. */
    static void write(Table table, List<Item> items) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < items.size(); from += BATCH) {
                List<Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
                futures.add(writers.submit(() -> {
                    Map<String, List<WriteRequest>> pending = Map.of(table.name(), batch.stream()
                            .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i.map()).build()).build())
                            .toList());
                    while (!pending.isEmpty()) {
                        var request = pending;
                        BatchWriteItemResponse response = table.client().batchWriteItem(b -> b.requestItems(request));
                        pending = response.unprocessedItems();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }
    }
}
