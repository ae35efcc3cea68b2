package com.ceki.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.json.Json;
import com.ceki.local.LocalServer;
import com.ceki.local.chain.LocalChain;
import com.ceki.local.stack.ChildProcesses;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real x402 client, {@code tools/x402/pay.mjs} ({@code @x402/fetch} with {@code @x402/evm}'s exact scheme), run
 * through Node and paying as one of anvil's accounts: one request, paid if the server answers 402.
 */
public final class X402Client {

    private final int payer;

    public X402Client(int payer) {
        this.payer = payer;
    }

    /**
     * Requests {@code url} with pay.mjs's {@code options} (--method, --body, --header, --payment-id, --valid-seconds,
     * --sign-only), allowing the local USDC up to $100: its JSON line {status, headers, body, paymentResponse,
     * paymentSignature}.
     */
    public JsonNode pay(String url, String... options) {
        List<String> command = new ArrayList<>(List.of("node",
                LocalServer.repoRoot().resolve("tools/x402/pay.mjs").toString(), url,
                "--asset", Deposits.usdc(), "--max-usd", "100"));
        command.addAll(List.of(options));
        try {
            Process client = ChildProcesses.command(command)
                    .environment("X402_PRIVATE_KEY", LocalChain.DEV_KEYS.get(payer))
                    .startPiped();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS), "pay.mjs ended");
            assertEquals(0, client.exitValue(), output);
            return Json.parse(output.strip().lines().reduce((first, last) -> last).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
