package com.ceki.tests.support;

import com.ceki.local.LocalServer;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One local API with its emulators for the whole test run, started on first use and stopped when the JVM exits
 * (the emulators' watchdogs stop them even if it is killed).
 */
public final class TestServer {

    private static LocalServer server;

    private TestServer() {}

    public static synchronized LocalServer get() {
        if (server == null) {
            server = LocalServer.start(LocalServer.repoRoot(), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    public static Api api() {
        return new Api(get().baseUrl());
    }

    public static Mailbox mailbox() {
        return new Mailbox(get().mailboxUrl());
    }

    public static DynamoDbClient dynamo() {
        return get().stack().dynamo();
    }

    /** The table as the functions see it, for tests that read stored items or set up state like the scanner would. */
    public static Table table() {
        return new Table(EmulatorStack.TABLE_NAME, dynamo());
    }
}
