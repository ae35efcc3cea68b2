package com.ceki.local;

import com.ceki.local.chain.LocalChain;
import com.ceki.local.faults.FaultyBackend;
import com.ceki.local.stack.EmulatorStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./dev up}: serve the whole API on port 3000 (or {@code PORT}) until Ctrl-C. With
 * {@code --faults <service:operations:share:kind>} (repeatable; see {@link FaultyBackend#inject(String)}) the
 * functions reach the emulators through fault proxies that fail those calls, for trying failure paths by hand.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        long started = System.nanoTime();
        List<String> faults = faults(args);
        Path root = LocalServer.repoRoot();
        LocalServer server;
        if (faults == null) {
            server = LocalServer.start(root, port);
        } else {
            FaultyBackend backend = new FaultyBackend(EmulatorStack.start(root, root.resolve(".local/logs")));
            try {
                faults.forEach(backend::inject);
            } catch (RuntimeException bad) {
                backend.close();
                throw bad;
            }
            server = LocalServer.start(root, port, backend);
            System.out.println("Fault proxies in front of the emulators; injected: "
                    + (faults.isEmpty() ? "none" : String.join(", ", faults)));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local API and emulators...");
            server.close();
            stopped.countDown();
        }));
        var endpoints = server.stack().endpoints();
        DevTool.writeState(LocalServer.repoRoot(), endpoints.ethereumRpc(), server.environment().get("USDT_CONTRACT"),
                server.environment().get("USDC_CONTRACT"), server.mailboxUrl());
        System.out.printf("""

                ceki API serving %d routes on http://localhost:%d  (ready in %d ms)
                  start at /llms.txt, /api/openapi.json, /docs (reference page), /mcp (MCP server)
                  mailbox (sent email):  %s   (JSON: %s/store)
                  DynamoDB (dynoxide):   %s   table %s
                  SQS (ElasticMQ):       %s
                  Ethereum (anvil):      %s   USDT %s, USDC %s
                  x402 facilitator:      %s   (settles as anvil account %d)
                The deposit scanner runs every 5 s. Fund a deposit address with
                  ./dev fund <address> 25 USDT      (or ETH, USDC; then it mines 12 blocks)
                Ctrl-C stops everything.
                %n""", server.api().routeCount(), server.api().port(), (System.nanoTime() - started) / 1_000_000,
                server.mailboxUrl(), server.mailboxUrl(), endpoints.dynamodb(),
                EmulatorStack.TABLE_NAME, endpoints.sqs(), endpoints.ethereumRpc(),
                server.environment().get("USDT_CONTRACT"), server.environment().get("USDC_CONTRACT"),
                server.facilitatorUrl(), LocalChain.FACILITATOR_ACCOUNT);
        stopped.await();
    }

    /** The {@code --faults} specs given (empty: proxies with no fault), or null without the option. */
    private static List<String> faults(String[] args) {
        List<String> specs = null;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--faults")) {
                throw new IllegalArgumentException("Unknown option " + args[i] + " (only --faults <spec>)");
            }
            specs = specs == null ? new ArrayList<>() : specs;
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                specs.add(args[++i]);
            }
        }
        return specs;
    }
}
