package com.ceki.tests.support;

import com.ceki.local.LocalServer;
import com.ceki.local.faults.FaultyBackend;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.storage.Table;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One local API with its emulators for the whole test run, started on first use and stopped when the JVM exits
 * (the emulators' watchdogs stop them even if it is killed). The functions reach DynamoDB, SQS, SES and the chain
 * through {@link #faults()}' proxies, which forward everything until a test injects a fault. With
 * {@code -Dlocalstack=true} the same tests run against LocalStack in Docker instead of the emulators.
 */
public final class TestServer {

    /** Run against LocalStack (Docker) instead of the project's emulators. */
    public static final boolean LOCALSTACK = Boolean.getBoolean("localstack");

    private static LocalServer server;
    private static FaultyBackend faults;

    private TestServer() {}

    public static synchronized LocalServer get() {
        if (server == null) {
            Path root = LocalServer.repoRoot();
            if (LOCALSTACK) {
                server = LocalServer.start(root, 0, LocalStackBackend.start(), false);
            } else {
                faults = new FaultyBackend(EmulatorStack.start(root, root.resolve(".local/logs")));
                server = LocalServer.start(root, 0, faults, false); // tests run the deposit scanner themselves
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /** The fault proxies between the functions and the emulators (not with LocalStack). */
    public static FaultyBackend faults() {
        get();
        if (faults == null) {
            throw new IllegalStateException("No fault proxies against LocalStack");
        }
        return faults;
    }

    public static Api api() {
        return new Api(get().baseUrl());
    }

    public static Mailbox mailbox() {
        return LOCALSTACK ? new Mailbox(get().mailboxUrl() + "/_aws/ses", true) : new Mailbox(get().mailboxUrl() + "/store", false);
    }

    public static DynamoDbClient dynamo() {
        return get().stack().dynamo();
    }

    /** The table as the functions see it, for tests that read stored items or set up state like the scanner would. */
    public static Table table() {
        return new Table(EmulatorStack.TABLE_NAME, dynamo());
    }
}
