package com.ceki.storage;

import com.ceki.aws.AwsSettings;
import com.ceki.aws.AwsFailures;
import com.ceki.core.config.Config;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The single DynamoDB table (see docs/data-model.md): its name, its client and the names of its keys and
 * indexes. One instance per function, created at cold start and reused by every invocation.
 */
public final class Table {

    public static final String PK = "PK";
    public static final String SK = "SK";
    /** The one GSI: listings (the public agent directory, public schedules, Bitcoin addresses) and the search feed. */
    public static final String GSI1 = "GSI1";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    /** The sparse second GSI: a contract's open receivables (approved, not fully paid transactions). */
    public static final String GSI2 = "GSI2";
    public static final String GSI2_PK = "GSI2PK";
    public static final String GSI2_SK = "GSI2SK";
    /** Attribute that DynamoDB's TTL deletes expired items by (epoch seconds). */
    public static final String EXPIRES_AT = "expires_at";

    /**
     * Attempts per call (the SDK's default is 4). At 30% of transactions cancelled by conflicts, 4 attempts still
     * fail one transaction in 120, 10 fail one in 170,000. The backoffs are capped so that a caller waits at most
     * about 3 s (errors, conflicts: full jitter from 25 ms to 500 ms) or 6 s (throttling: half jitter from 50 ms to
     * 1 s) before the 503 that says to come back, rather than the 20 s call timeout.
     */
    static final int MAX_ATTEMPTS = 10;

    private final String name;
    private final DynamoDbClient client;

    public Table(String name, DynamoDbClient client) {
        this.name = name;
        this.client = client;
    }

    /**
     * The function's table. Its client retries, besides what the SDK retries for DynamoDB (throttling, 5xx, I/O), a
     * transaction cancelled only by a conflict with another one: DynamoDB advises retrying those, and nothing of a
     * cancelled transaction was written, so sending it again is safe (its conditions are checked afresh).
     */
    public static Table fromConfig(Config config, AwsSettings aws) {
        Consumer<RetryStrategy.Builder<?, ?>> retries = r -> r.retryOnException(AwsFailures::isTransient)
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofMillis(500)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(50), Duration.ofSeconds(1)));
        DynamoDbClient client = config.bool("DYNAMODB_CAPACITY_METER", false)
                ? aws.configure(DynamoDbClient.builder(), "DYNAMODB_ENDPOINT", retries, CapacityMeter.SHARED).build()
                : aws.configure(DynamoDbClient.builder(), "DYNAMODB_ENDPOINT", retries).build();
        return new Table(config.required("TABLE_NAME"), client);
    }

    public String name() {
        return name;
    }

    public DynamoDbClient client() {
        return client;
    }
}
