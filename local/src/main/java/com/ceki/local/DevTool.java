package com.ceki.local;

import com.ceki.core.json.Json;
import com.ceki.local.chain.LocalChain;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./dev fund <address> <amount> <ETH|USDT|USDC>} and {@code ./dev mine [blocks]}: act on the chain of the
 * running {@code ./dev up}, found through the state file it writes ({@code .local/stack.json}).
 */
public final class DevTool {

    private static final int CONFIRMATIONS = 12;

    private DevTool() {}

    static void writeState(Path repoRoot, String rpc, String usdt, String usdc, String mailbox) {
        try {
            Files.createDirectories(repoRoot.resolve(".local"));
            Files.writeString(repoRoot.resolve(".local/stack.json"), Json.write(Json.object()
                    .put("eth_rpc", rpc).put("usdt", usdt).put("usdc", usdc).put("mailbox", mailbox)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("jwk")) {
            // A new user-JWT key pair for deployment: the private JWK for Secrets Manager, the public set for SSM.
            Map<String, String> keys = LocalServer.userTokenKeys();
            System.out.println("signing key (Secrets Manager ceki/jwt-signing-key):");
            System.out.println(keys.get("secret:ceki/jwt-signing-key"));
            System.out.println("verification key set (SSM /ceki/jwt-verification-keys; keep the previous key here while rotating):");
            System.out.println(keys.get("JwtVerificationKeys"));
            return;
        }
        Path repoRoot = LocalServer.repoRoot();
        Path state = repoRoot.resolve(".local/stack.json");
        if (!Files.exists(state)) {
            fail("No running local stack: start it with ./dev up");
        }
        JsonNode stack = Json.parse(Files.readString(state));
        try (LocalChain chain = new LocalChain(stack.path("eth_rpc").asText())) {
            switch (args.length == 0 ? "" : args[0]) {
                case "fund" -> {
                    if (args.length != 4) {
                        fail("usage: ./dev fund <address> <amount> <ETH|USDT|USDC>");
                    }
                    String address = args[1];
                    BigDecimal amount = new BigDecimal(args[2]);
                    String tx = switch (args[3].toUpperCase(Locale.ROOT)) {
                        case "ETH" -> chain.sendEther(0, address, amount).getTransactionHash();
                        case "USDT" -> chain.mint(stack.path("usdt").asText(), address, amount, 0).getTransactionHash();
                        case "USDC" -> chain.mint(stack.path("usdc").asText(), address, amount, 0).getTransactionHash();
                        default -> {
                            fail("currency must be ETH, USDT or USDC");
                            yield null;
                        }
                    };
                    chain.mine(CONFIRMATIONS);
                    System.out.println("sent " + amount + " " + args[3] + " to " + address + " in " + tx
                            + "; mined " + CONFIRMATIONS + " blocks, so the scanner credits it on its next run");
                }
                case "mine" -> {
                    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 1;
                    chain.mine(blocks);
                    System.out.println("mined " + blocks + " blocks; height " + chain.blockNumber());
                }
                default -> fail("usage: ./dev fund <address> <amount> <ETH|USDT|USDC> | ./dev mine [blocks]");
            }
        } catch (RuntimeException e) {
            fail(e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
