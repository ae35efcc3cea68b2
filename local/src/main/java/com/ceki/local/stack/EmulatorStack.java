package com.ceki.local.stack;

import com.ceki.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local stand-ins for AWS, each on a free loopback port: dynoxide (DynamoDB), ElasticMQ embedded in this
 * JVM (SQS), aws-ses-v2-local (SES, with a web mailbox), s3rver (S3) and anvil (Ethereum JSON-RPC), started in
 * parallel.
 * Closing the stack stops everything it started.
 */
public final class EmulatorStack implements AwsBackend {

    public static final String REGION = "us-east-1";
    public static final String TABLE_NAME = "ceki-local";
    /** Static test credentials for every local service; s3rver only accepts its own fixed pair. */
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Endpoints endpoints;
    private final DynamoDbClient dynamo;

    private EmulatorStack(Path repoRoot, Path workDir) {
        try {
            Files.createDirectories(workDir);
            Tools tools = Tools.ensureInstalled(repoRoot, workDir);
            Duration timeout = Duration.ofSeconds(30);
            int dynamoPort = Ports.free();
            int sesPort = Ports.free();
            int anvilPort = Ports.free();
            int sqsPort = Ports.free();
            int s3Port = Ports.free();
            Path s3Dir = Files.createDirectories(workDir.resolve("s3-" + ProcessHandle.current().pid()));
            var dynamoStart = CompletableFuture.supplyAsync(() -> EmulatorProcess.start("dynoxide", dynamoPort,
                    workDir.resolve("dynoxide.log"), timeout,
                    List.of(tools.dynoxide().toString(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(dynamoPort))));
            var sesStart = CompletableFuture.supplyAsync(() -> EmulatorProcess.start("aws-ses-v2-local", sesPort,
                    workDir.resolve("ses.log"), timeout,
                    List.of("node", tools.sesCli().toString(), "--host", "127.0.0.1", "--port", Integer.toString(sesPort))));
            var anvilStart = CompletableFuture.supplyAsync(() -> EmulatorProcess.start("anvil", anvilPort,
                    workDir.resolve("anvil.log"), timeout,
                    List.of(tools.anvil().toString(), "--host", "127.0.0.1", "--port", Integer.toString(anvilPort),
                            "--silent")));
            var s3Start = CompletableFuture.supplyAsync(() -> EmulatorProcess.start("s3rver", s3Port,
                    workDir.resolve("s3rver.log"), timeout,
                    List.of("node", tools.s3rver().toString(), "--address", "127.0.0.1", "--port", Integer.toString(s3Port),
                            "--directory", s3Dir.toString(), "--silent")));
            SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(sqsPort).start();
            started.add(sqs::stopAndWait);
            sqs.waitUntilStarted();
            for (var future : List.of(dynamoStart, sesStart, anvilStart, s3Start)) {
                started.add(future.join());
            }
            this.endpoints = new Endpoints("http://127.0.0.1:" + dynamoPort, "http://127.0.0.1:" + sqsPort,
                    "http://127.0.0.1:" + sesPort, "http://127.0.0.1:" + anvilPort, "http://127.0.0.1:" + s3Port);
            this.dynamo = dynamoClient(endpoints.dynamodb());
            started.add(dynamo);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts every emulator (installing them first if needed); logs go to {@code workDir}. */
    public static EmulatorStack start(Path repoRoot, Path workDir) {
        return new EmulatorStack(repoRoot, workDir);
    }

    /** Starts every emulator and creates the table of {@code template} (for tools that need no API, e.g. benchmarks). */
    public static EmulatorStack start(Path repoRoot, Path workDir, SamTemplate template) {
        EmulatorStack stack = start(repoRoot, workDir);
        try {
            TableBootstrap.create(stack.dynamo, template, TABLE_NAME);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    @Override
    public Endpoints endpoints() {
        return endpoints;
    }

    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** A new client of the emulator at {@code endpoint} (the caller closes it), on the HTTP client the functions use. */
    public static DynamoDbClient dynamoClient(String endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("[local-stack] stopping " + started.get(i) + ": " + e);
            }
        }
        started.clear();
    }
}
