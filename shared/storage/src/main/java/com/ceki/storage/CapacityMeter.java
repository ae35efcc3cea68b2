package com.ceki.storage;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;

/**
 * Measures what the table costs: asks DynamoDB for {@code ReturnConsumedCapacity=TOTAL} on every call and adds up
 * the capacity units it reports. Off unless {@code DYNAMODB_CAPACITY_METER=true} (benchmarks); one shared
 * instance, since the local runner hosts every function in one JVM.
 */
public final class CapacityMeter implements ExecutionInterceptor {

    public static final CapacityMeter SHARED = new CapacityMeter();

    private final DoubleAdder units = new DoubleAdder();
    private final LongAdder calls = new LongAdder();

    private CapacityMeter() {}

    /** Capacity units consumed and calls made since the last reset. */
    public record Totals(double capacityUnits, long calls) {}

    public Totals totals() {
        return new Totals(units.sum(), calls.sum());
    }

    public void reset() {
        units.reset();
        calls.reset();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        return switch (request) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            default -> request;
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        calls.increment();
        switch (context.response()) {
            case GetItemResponse r -> add(r.consumedCapacity());
            case PutItemResponse r -> add(r.consumedCapacity());
            case UpdateItemResponse r -> add(r.consumedCapacity());
            case DeleteItemResponse r -> add(r.consumedCapacity());
            case QueryResponse r -> add(r.consumedCapacity());
            case TransactWriteItemsResponse r -> r.consumedCapacity().forEach(this::add);
            default -> { }
        }
    }

    private void add(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            units.add(capacity.capacityUnits());
        }
    }
}
