package com.ceki.tests.support;

import com.ceki.local.stack.AwsBackend;
import java.net.URI;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB, SQS and SES from LocalStack in a container (Testcontainers), for machines with a Docker engine:
 * {@code ./dev test -Dlocalstack=true} runs the same tests against it. Off by default; this machine has no Docker.
 */
final class LocalStackBackend implements AwsBackend {

    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private final LocalStackContainer container;
    private final DynamoDbClient dynamo;

    private LocalStackBackend(LocalStackContainer container) {
        this.container = container;
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(container.getEndpointOverride(Service.DYNAMODB))
                .region(Region.of(container.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static LocalStackBackend start() {
        LocalStackContainer container = new LocalStackContainer(IMAGE)
                .withServices(Service.DYNAMODB, Service.SQS, Service.SES, Service.S3);
        container.start();
        // SES only delivers from verified identities, in LocalStack as on AWS.
        try {
            container.execInContainer("awslocal", "ses", "verify-email-identity", "--email-address", "no-reply@ceki.local");
        } catch (Exception e) {
            container.stop();
            throw new IllegalStateException("Cannot verify the SES sender in LocalStack", e);
        }
        return new LocalStackBackend(container);
    }

    @Override
    public Endpoints endpoints() {
        String base = URI.create(container.getEndpoint().toString()).toString();
        return new Endpoints(base, base, base, null, base);
    }

    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    public void close() {
        dynamo.close();
        container.stop();
    }
}
