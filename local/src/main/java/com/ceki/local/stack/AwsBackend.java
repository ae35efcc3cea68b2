package com.ceki.local.stack;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the local API's AWS services live: the project's own emulators ({@link EmulatorStack}) or, on a machine
 * with Docker, LocalStack (the tests' {@code -Dlocalstack=true} switch).
 */
public interface AwsBackend extends AutoCloseable {

    /** Where each service listens; {@code ethereumRpc} may be null where no Ethereum node runs. */
    record Endpoints(String dynamodb, String sqs, String ses, String ethereumRpc, String s3) {}

    Endpoints endpoints();

    /** A DynamoDB client of this backend, for creating the table, tests and tools. */
    DynamoDbClient dynamo();

    @Override
    void close();
}
