package com.ceki.storage;

import com.ceki.aws.AwsSettings;
import com.ceki.core.config.Config;
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

    private final String name;
    private final DynamoDbClient client;

    public Table(String name, DynamoDbClient client) {
        this.name = name;
        this.client = client;
    }

    public static Table fromConfig(Config config, AwsSettings aws) {
        DynamoDbClient client = config.bool("DYNAMODB_CAPACITY_METER", false)
                ? aws.configure(DynamoDbClient.builder(), "DYNAMODB_ENDPOINT", CapacityMeter.SHARED).build()
                : aws.configure(DynamoDbClient.builder(), "DYNAMODB_ENDPOINT").build();
        return new Table(config.required("TABLE_NAME"), client);
    }

    public String name() {
        return name;
    }

    public DynamoDbClient client() {
        return client;
    }
}
