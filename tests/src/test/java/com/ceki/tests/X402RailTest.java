package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.json.Json;
import com.ceki.local.chain.LocalChain;
import com.ceki.tests.support.Deposits;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.X402Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local x402 rail on its own: the real x402 client ({@code tools/x402/pay.mjs}: {@code @x402/fetch} with the
 * exact EVM scheme) pays a stand-in resource server, which verifies and settles the payment through the local
 * facilitator over HTTP, as the functions will; the transfer is an EIP-3009 authorization on the local USDC.
 */
class X402RailTest {

    private static final int PAYER = 5; // an anvil account no other test sends from
    private static final String PRICE = "2500000"; // 2.50 USDC: over the client's default cap of $1

    private static LocalChain chain;
    private static PaidEndpoint endpoint;

    @BeforeAll
    static void fundThePayer() {
        chain = Deposits.chain();
        chain.mint(Deposits.usdc(), chain.address(PAYER), new BigDecimal("100"), 0);
        endpoint = new PaidEndpoint(TestServer.get().environment().get("FACILITATOR_URL"));
    }

    @AfterAll
    static void close() {
        endpoint.close();
        chain.close();
    }

    @Test
    void aPaymentIsSettledOnChainOnceAndOnlyOnce() throws Exception {
        String payTo = freshAddress();
        ObjectNode requirements = requirements(payTo, PRICE, 60);

        JsonNode paid = pay(endpoint.offer(requirements, requirements));

        assertEquals(200, paid.path("status").asInt(), paid.toString());
        assertTrue(paid.at("/paymentResponse/success").asBoolean(), paid.toString());
        assertEquals(LocalChain.NETWORK, paid.at("/paymentResponse/network").asText());
        assertEquals(chain.address(PAYER), paid.at("/paymentResponse/payer").asText().toLowerCase());
        assertAmount("2.5", chain.tokenBalance(Deposits.usdc(), payTo));

        JsonNode replay = endpoint.facilitator("/settle", endpoint.lastPayment(), requirements);
        assertFalse(replay.path("success").asBoolean(), replay.toString());
        assertEquals("invalid_exact_evm_nonce_already_used", replay.path("errorReason").asText());
        assertAmount("2.5", chain.tokenBalance(Deposits.usdc(), payTo));
    }

    @Test
    void aWrongAmountFailsVerification() throws Exception {
        String payTo = freshAddress();
        // The client signs for what the 402 asked; the server then holds it to another price.
        JsonNode refused = pay(endpoint.offer(requirements(payTo, PRICE, 60), requirements(payTo, "3000000", 60)));

        assertEquals(402, refused.path("status").asInt(), refused.toString());
        assertEquals("invalid_exact_evm_payload_authorization_value_mismatch", refused.at("/body/error").asText());
        assertAmount("0", chain.tokenBalance(Deposits.usdc(), payTo));
    }

    @Test
    void anAuthorizationAboutToExpireFailsVerification() throws Exception {
        String payTo = freshAddress();
        // The client signs validBefore = now + maxTimeoutSeconds; the facilitator wants 6 s of it left.
        ObjectNode shortLived = requirements(payTo, PRICE, 2);

        JsonNode refused = pay(endpoint.offer(shortLived, shortLived));

        assertEquals(402, refused.path("status").asInt(), refused.toString());
        assertEquals("invalid_exact_evm_payload_authorization_valid_before", refused.at("/body/error").asText());
        assertAmount("0", chain.tokenBalance(Deposits.usdc(), payTo));
    }

    /** What the 402 asks: the exact scheme for the local USDC, under the EIP-712 domain the token signs with. */
    private static ObjectNode requirements(String payTo, String amount, int maxTimeoutSeconds) {
        ObjectNode requirements = Json.object().put("scheme", "exact").put("network", LocalChain.NETWORK).put("amount", amount)
                .put("asset", Deposits.usdc()).put("payTo", payTo).put("maxTimeoutSeconds", maxTimeoutSeconds);
        requirements.putObject("extra").put("name", LocalChain.USDC_DOMAIN_NAME).put("version", LocalChain.USDC_DOMAIN_VERSION);
        return requirements;
    }

    /** One run of the x402 client against {@code url}, paying as anvil's account {@link #PAYER}: its JSON line. */
    private static JsonNode pay(String url) {
        return new X402Client(PAYER).pay(url);
    }

    private static String freshAddress() {
        byte[] address = new byte[20];
        new SecureRandom().nextBytes(address);
        return "0x" + HexFormat.of().formatHex(address);
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual);
    }

    /**
     * A resource server reduced to x402: each offer answers 402 with its requirements in {@code PAYMENT-REQUIRED},
     * and a retry carrying {@code PAYMENT-SIGNATURE} is verified (against the requirements the offer holds it to)
     * and settled through the facilitator: 200 with {@code PAYMENT-RESPONSE}, or 402 with the reason.
     */
    private static final class PaidEndpoint implements AutoCloseable {

        private record Offer(ObjectNode advertised, ObjectNode verifiedAgainst) {}

        private final String facilitatorUrl;
        private final HttpServer server;
        private final HttpClient http = HttpClient.newHttpClient();
        private final Map<String, Offer> offers = new ConcurrentHashMap<>();
        private final AtomicInteger offerCount = new AtomicInteger();
        private volatile JsonNode lastPayment;

        PaidEndpoint(String facilitatorUrl) {
            this.facilitatorUrl = facilitatorUrl;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                try (exchange) {
                    answer(exchange);
                } catch (IOException | RuntimeException | AssertionError e) {
                    // the client prints the body: the test's failure then says what went wrong here
                    send(exchange, 500, Json.object().put("error", e.toString()), Map.of());
                }
            });
            server.start();
        }

        /** A URL that asks for {@code advertised} and settles only what verifies against {@code verifiedAgainst}. */
        String offer(ObjectNode advertised, ObjectNode verifiedAgainst) {
            String path = "/offer-" + offerCount.incrementAndGet();
            offers.put(path, new Offer(advertised, verifiedAgainst));
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        /** The payment payload of the last paid request, as the client sent it. */
        JsonNode lastPayment() {
            return lastPayment;
        }

        /** {@code POST <facilitator><path>} with the x402 v2 facilitator body. */
        JsonNode facilitator(String path, JsonNode payload, JsonNode requirements) {
            ObjectNode body = Json.object().put("x402Version", 2);
            body.set("paymentPayload", payload);
            body.set("paymentRequirements", requirements);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(facilitatorUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                return Json.parse(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void answer(HttpExchange exchange) throws IOException {
            Offer offer = offers.get(exchange.getRequestURI().getPath());
            String signature = exchange.getRequestHeaders().getFirst("PAYMENT-SIGNATURE");
            if (offer == null) {
                send(exchange, 404, Json.object().put("error", "no such offer"), Map.of());
            } else if (signature == null) {
                paymentRequired(exchange, offer, "Payment required");
            } else {
                JsonNode payload = Json.parse(new String(Base64.getDecoder().decode(signature), StandardCharsets.UTF_8));
                lastPayment = payload;
                JsonNode verified = facilitator("/verify", payload, offer.verifiedAgainst());
                if (!verified.path("isValid").asBoolean()) {
                    paymentRequired(exchange, offer, verified.path("invalidReason").asText());
                    return;
                }
                JsonNode settled = facilitator("/settle", payload, offer.verifiedAgainst());
                if (!settled.path("success").asBoolean()) {
                    paymentRequired(exchange, offer, settled.path("errorReason").asText());
                    return;
                }
                send(exchange, 200, Json.object().put("paid", true), Map.of("PAYMENT-RESPONSE", base64(settled)));
            }
        }

        private void paymentRequired(HttpExchange exchange, Offer offer, String error) throws IOException {
            ObjectNode required = Json.object().put("x402Version", 2).put("error", error);
            required.putObject("resource").put("url", exchange.getRequestURI().toString())
                    .put("description", "a paid test resource").put("mimeType", "application/json");
            required.putArray("accepts").add(offer.advertised());
            send(exchange, 402, Json.object().put("error", error), Map.of("PAYMENT-REQUIRED", base64(required)));
        }

        private static String base64(JsonNode json) {
            return Base64.getEncoder().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
        }

        private static void send(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) throws IOException {
            byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
