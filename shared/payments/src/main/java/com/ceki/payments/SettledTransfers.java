package com.ceki.payments;

import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.json.Json;
import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.deposits.Deposit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads a settled transaction's receipt back from the chain node ({@code eth_getTransactionReceipt}) and finds the
 * USDC {@code Transfer} to the agent's address in it: its log index (block-wide, as {@code eth_getLogs} reports it
 * to the deposit scanner), block and amount make the {@link Deposit} the scanner would build for the same transfer.
 * One JSON-RPC call over the JDK's HTTP client: web3j's weight is not worth it in the request path of every billed
 * function.
 */
public final class SettledTransfers {

    /** keccak256("Transfer(address,address,uint256)"): the ERC-20 transfer event. */
    static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    private static final int RECEIPT_ATTEMPTS = 10;
    private static final Duration RECEIPT_WAIT = Duration.ofMillis(300);

    private final String rpcUrl;
    private final HttpClient http;

    public SettledTransfers(String rpcUrl) {
        this.rpcUrl = rpcUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** The transfer of {@code asset} to {@code payTo} in transaction {@code txHash}, as a USDC deposit. */
    public Deposit find(String txHash, String asset, String payTo) {
        if (txHash == null || !txHash.matches("0x[0-9a-fA-F]{64}")) {
            throw unavailable("the facilitator reported a settlement without a transaction hash: " + txHash);
        }
        JsonNode receipt = receipt(txHash);
        String to = "0x" + "0".repeat(24) + payTo.toLowerCase(Locale.ROOT).substring(2);
        for (JsonNode log : receipt.path("logs")) {
            JsonNode topics = log.path("topics");
            if (asset.equalsIgnoreCase(log.path("address").asText()) && topics.size() == 3
                    && TRANSFER_TOPIC.equalsIgnoreCase(topics.get(0).asText()) && to.equalsIgnoreCase(topics.get(2).asText())) {
                BigInteger value = quantity(log.path("data").asText());
                return new Deposit(Chain.ETHEREUM, Currency.USDC, txHash.toLowerCase(Locale.ROOT),
                        quantity(log.path("logIndex").asText()).toString(), quantity(receipt.path("blockNumber").asText()).longValue(),
                        receipt.path("blockHash").asText(), payTo, PaymentRequirements.usdc(value));
            }
        }
        throw unavailable("settled transaction " + txHash + " holds no USDC transfer to " + payTo);
    }

    private JsonNode receipt(String txHash) {
        ObjectNode call = Json.object().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_getTransactionReceipt");
        call.putArray("params").add(txHash);
        for (int attempt = 1; attempt <= RECEIPT_ATTEMPTS; attempt++) {
            JsonNode result = rpc(call).path("result");
            if (result.isObject()) {
                if (!"0x1".equals(result.path("status").asText())) {
                    throw unavailable("settled transaction " + txHash + " reverted");
                }
                return result;
            }
            try {
                Thread.sleep(RECEIPT_WAIT); // a node behind the facilitator's may not have the block yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw unavailable("no receipt for " + txHash);
    }

    private JsonNode rpc(ObjectNode call) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rpcUrl)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(call))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw unavailable("the node answered " + response.statusCode());
            }
            return Json.parse(response.body());
        } catch (JsonProcessingException e) {
            throw unavailable("the node answered no JSON");
        } catch (IOException e) {
            throw unavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private static BigInteger quantity(String hex) {
        return hex.startsWith("0x") && hex.length() > 2 ? new BigInteger(hex.substring(2), 16) : BigInteger.ZERO;
    }

    private static ServiceUnavailable unavailable(String detail) {
        System.err.println("WARN x402 settled transfer not read back: " + detail);
        return new ServiceUnavailable("The payment was settled but could not be read back from the chain yet; the "
                + "call was not charged, and the deposit scanner credits the transfer to your wallet once it is final.");
    }
}
