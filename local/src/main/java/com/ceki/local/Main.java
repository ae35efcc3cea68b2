package com.ceki.local;

import com.ceki.local.chain.LocalChain;
import com.ceki.local.stack.EmulatorStack;
import java.util.concurrent.CountDownLatch;

/** {@code ./dev up}: serve the whole API on port 3000 (or {@code PORT}) until Ctrl-C. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        long started = System.nanoTime();
        LocalServer server = LocalServer.start(LocalServer.repoRoot(), port);
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
}
