package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.billing.LedgerEntry;
import com.ceki.billing.WalletRepository;
import com.ceki.core.json.Json;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.local.chain.LocalChain;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.Deposits;
import com.ceki.tests.support.FreeViews;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.Schedules;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Users;
import com.ceki.tests.support.X402Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * x402 on the billed routes and the top-up, paid by the real x402 client ({@link X402Client}: {@code @x402/fetch}
 * with the exact EVM scheme) through the local facilitator onto the local USDC; and the dry runs that quote a call.
 */
class X402PaymentTest {

    private static final int PAYER = 6; // an anvil account no other test sends from
    private static final String SEARCH = "/api/agent/search/specialists";
    private static final String TOP_UP = "/api/agent/wallet/topup";

    private static LocalChain chain;
    private final Api api = TestServer.api();
    private final X402Client client = new X402Client(PAYER);

    @BeforeEach
    void clock() {
        Clocks.adjustable().reset();
    }

    @BeforeAll
    static void fundThePayer() {
        chain = Deposits.chain();
        chain.mint(Deposits.usdc(), chain.address(PAYER), new BigDecimal("1000"), 0);
    }

    @AfterAll
    static void close() {
        chain.close();
    }

    @Test
    void aSearchShortOfBalanceIsPaidInOneRoundTripAndTheScannerCreditsNothingMore() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("x402-search");
        Funding.deposit(agent.id(), Currency.USDT, "0.20");

        Api.Response refused = api.post(SEARCH, Map.of("query", "anything"), agent.apiKey());
        assertEquals(402, refused.status(), refused::toString);
        assertEquals(Json.stored("{\"message\":\"Insufficient wallet balance.\",\"required\":\"0.50\",\"currency\":\"USDT\","
                + "\"balance\":\"0.20\"}"), refused.body(), "today's body is kept");
        JsonNode required = decode(refused.headers().firstValue("PAYMENT-REQUIRED").orElseThrow());
        String payTo = usdcAddress(agent.id());
        assertEquals(2, required.path("x402Version").asInt());
        assertTrue(required.at("/resource/url").asText().endsWith(SEARCH), required::toString);
        assertEquals("application/json", required.at("/resource/mimeType").asText());
        assertFalse(required.at("/extensions/payment-identifier/info/required").asBoolean(true), required::toString);
        JsonNode accepted = required.path("accepts").get(0);
        List<String> fields = new ArrayList<>();
        accepted.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("scheme", "network", "amount", "asset", "payTo", "maxTimeoutSeconds", "extra"), fields);
        assertEquals("exact", accepted.path("scheme").asText());
        assertEquals(LocalChain.NETWORK, accepted.path("network").asText());
        assertEquals("500000", accepted.path("amount").asText(), "the price in USDC's atomic units");
        assertEquals(Deposits.usdc().toLowerCase(), accepted.path("asset").asText().toLowerCase());
        assertEquals(payTo, accepted.path("payTo").asText(), "the agent's own USDC deposit address");
        assertEquals(300, accepted.path("maxTimeoutSeconds").asInt());
        assertEquals(LocalChain.USDC_DOMAIN_NAME, accepted.at("/extra/name").asText());
        assertEquals(LocalChain.USDC_DOMAIN_VERSION, accepted.at("/extra/version").asText());

        JsonNode paid = client.pay(url(SEARCH), "--method", "POST", "--body", "{\"query\":\"anything\"}",
                "--header", "Authorization: Bearer " + agent.apiKey());

        assertEquals(200, paid.path("status").asInt(), paid::toString);
        assertEquals(1, paid.at("/body/current_page").asInt(), "the call's own result");
        assertTrue(paid.at("/paymentResponse/success").asBoolean(), paid::toString);
        assertEquals(LocalChain.NETWORK, paid.at("/paymentResponse/network").asText());
        String tx = paid.at("/paymentResponse/transaction").asText();
        assertAmount("0.5", chain.tokenBalance(Deposits.usdc(), payTo));
        List<LedgerEntry> entries = Funding.entries(agent.id());
        assertEquals(3, entries.size(), () -> "test deposit, x402 deposit, charge: " + entries);
        LedgerEntry charge = entries.get(0);
        LedgerEntry deposit = entries.get(1);
        assertEquals(LedgerEntry.Type.CHARGE, charge.type());
        assertEquals(Currency.USDC, charge.currency());
        assertAmount("-0.5", charge.amount());
        assertEquals(LedgerEntry.Type.DEPOSIT, deposit.type());
        assertEquals(Currency.USDC, deposit.currency());
        assertAmount("0.5", deposit.amount());
        assertEquals("Deposit " + tx, deposit.description());
        assertAmount("0", Funding.balances(agent.id()).get(Currency.USDC));
        assertAmount("0.20", Funding.balances(agent.id()).get(Currency.USDT));

        // The scanner meets the same transfer once it is final: the record under its key says it is known.
        chain.mine(12);
        Deposits.scan();
        assertEquals(3, Funding.entries(agent.id()).size(), "the scanner credits nothing more");
        assertAmount("0", Funding.balances(agent.id()).get(Currency.USDC));
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aReplayedSignatureAndAlteredPaymentsChargeNothing() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("x402-refused");
        String body = "{\"query\":\"anything\"}";

        String signed = signed(agent.apiKey(), body, null);
        String payTo = usdcAddress(agent.id()); // opened by the 402 the client paid
        Api.Response first = withPayment(agent.apiKey(), body, signed);
        assertEquals(200, first.status(), first::toString);
        assertTrue(first.headers().firstValue("PAYMENT-RESPONSE").isPresent(), first::toString);
        assertAmount("0.5", chain.tokenBalance(Deposits.usdc(), payTo));

        Api.Response replayed = withPayment(agent.apiKey(), body, signed);
        assertEquals(402, replayed.status(), replayed::toString);
        assertTrue(replayed.body().path("error").asText().contains("nonce"), replayed::toString);
        assertTrue(replayed.headers().firstValue("PAYMENT-REQUIRED").isPresent(), "a refused payment says what would do");

        refusedAndNothingMoved(agent, body, "invalid_payment_amount",
                payload -> ((ObjectNode) payload.path("accepted")).put("amount", "400000"));
        refusedAndNothingMoved(agent, body, "invalid_exact_evm_payload_authorization_value_mismatch",
                payload -> ((ObjectNode) payload.path("accepted")).put("amount", "600000"));
        refusedAndNothingMoved(agent, body, "invalid_payment_requirements",
                payload -> ((ObjectNode) payload.path("accepted")).put("payTo", chain.address(7)));
        // The recipient is part of what the payer signed: sending the transfer elsewhere breaks the signature.
        refusedAndNothingMoved(agent, body, "invalid_exact_evm_signature",
                payload -> ((ObjectNode) payload.at("/payload/authorization")).put("to", chain.address(7)));
        refusedAndNothingMoved(agent, body, "invalid_exact_evm_signature", payload -> {
            String signature = payload.at("/payload/signature").asText();
            char last = signature.charAt(signature.length() - 3);
            ((ObjectNode) payload.path("payload")).put("signature",
                    signature.substring(0, signature.length() - 3) + (last == 'a' ? 'b' : 'a') + signature.substring(signature.length() - 2));
        });

        // An authorization signed to be valid for 2 s: too short-lived to settle.
        JsonNode expired = client.pay(url(SEARCH), "--method", "POST", "--body", body,
                "--header", "Authorization: Bearer " + agent.apiKey(), "--valid-seconds", "2");
        assertEquals(402, expired.path("status").asInt(), expired::toString);
        assertEquals("invalid_exact_evm_payload_authorization_valid_before", expired.at("/body/error").asText());

        assertAmount("0.5", chain.tokenBalance(Deposits.usdc(), payTo));
        assertEquals(2, Funding.entries(agent.id()).size(), "one deposit and one charge: the first payment's");
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aPaymentIdentifierReplaysTheFirstResponseAndRefusesAnotherPayload() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("x402-id");
        String body = "{\"query\":\"anything\"}";
        String id = "pay_" + UUID.randomUUID().toString().replace("-", "");

        String signed = signed(agent.apiKey(), body, id);
        Api.Response first = withPayment(agent.apiKey(), body, signed);
        assertEquals(200, first.status(), first::toString);
        Api.Response again = withPayment(agent.apiKey(), body, signed);
        assertEquals(200, again.status(), again::toString);
        assertEquals(first.body(), again.body());
        assertEquals(first.headers().firstValue("PAYMENT-RESPONSE"), again.headers().firstValue("PAYMENT-RESPONSE"));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(2, Funding.entries(agent.id()).size(), "paid and charged once");

        Api.Response other = withPayment(agent.apiKey(), body, signed(agent.apiKey(), body, id));
        assertEquals(409, other.status(), other::toString);
        assertEquals("This payment identifier was already used with a different request body.",
                other.body().path("message").asText());

        Api.Response malformed = withPayment(agent.apiKey(), body, signed(agent.apiKey(), body, "short"));
        assertEquals(422, malformed.status(), malformed::toString);
        assertTrue(malformed.body().path("errors").has("PAYMENT-SIGNATURE.extensions.payment-identifier.info.id"),
                malformed::toString);
        assertEquals(2, Funding.entries(agent.id()).size());
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aTopUpOf25UsdcActivatesAPendingAgentAtOnce() {
        var agent = Agents.register("x402-topup");
        assertEquals("pending_deposit", api.get("/api/agent/me", agent.apiKey()).body().at("/agent/status").asText(),
                "pending before");

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("amount", "25", "currency", "BTC"),
                Map.of("amount", "-1", "currency", "USDC"), Map.of("amount", "0.0000001", "currency", "USDC"),
                Map.of("currency", "USDC"))) {
            Api.Response invalid = api.post(TOP_UP, bad, agent.apiKey());
            assertEquals(422, invalid.status(), () -> bad + ": " + invalid);
        }
        Api.Response asked = api.post(TOP_UP, Map.of("amount", "25", "currency", "USDC"), agent.apiKey());
        assertEquals(402, asked.status(), asked::toString);
        JsonNode accepted = decode(asked.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()).path("accepts").get(0);
        assertEquals("25000000", accepted.path("amount").asText());
        assertEquals(usdcAddress(agent.id()), accepted.path("payTo").asText());

        JsonNode paid = client.pay(url(TOP_UP), "--method", "POST", "--body", "{\"amount\":\"25\",\"currency\":\"USDC\"}",
                "--header", "Authorization: Bearer " + agent.apiKey());

        assertEquals(200, paid.path("status").asInt(), paid::toString);
        assertEquals("25.00", paid.at("/body/credited/amount").asText(), paid::toString);
        assertEquals("credited", paid.at("/body/status").asText());
        assertEquals("active", api.get("/api/agent/me", agent.apiKey()).body().at("/agent/status").asText(),
                "active at once, without waiting for confirmations");
        assertAmount("25", Funding.balances(agent.id()).get(Currency.USDC));
        chain.mine(12);
        Deposits.scan();
        assertAmount("25", Funding.balances(agent.id()).get(Currency.USDC));
        assertEquals(1, Funding.entries(agent.id()).size());
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aDryRunQuotesAtTheFreeTierBoundaryAndChargesNothing() {
        var agent = ScheduleSearchTest.verifiedActiveAgent("x402-dry");
        Funding.deposit(agent.id(), Currency.USDT, "1.00");
        var person = Users.signUp("x402-dry-person");
        String view = "/api/agent/user/" + person.id() + "?dry_run=true";
        FreeViews.setUsed(agent.id(), 99);

        JsonNode lastFree = ok(api.get(view, agent.apiKey()));
        assertEquals(Json.stored("{\"dry_run\":true,\"price_usd\":\"0.10\",\"charge\":null,\"free_remaining\":0,"
                + "\"balance_after\":{\"currency\":\"USDT\",\"amount\":\"1.00\"},\"would_succeed\":true}"), lastFree);
        assertEquals(99, FreeViews.used(agent.id()), "a dry run takes nothing of the allowance");
        assertEquals(200, api.get("/api/agent/user/" + person.id(), agent.apiKey()).status());
        assertEquals(100, FreeViews.used(agent.id()));

        JsonNode firstPaid = ok(api.get(view, agent.apiKey()));
        assertEquals(Json.stored("{\"dry_run\":true,\"price_usd\":\"0.10\",\"charge\":{\"currency\":\"USDT\",\"amount\":\"0.10\"},"
                + "\"free_remaining\":0,\"balance_after\":{\"currency\":\"USDT\",\"amount\":\"0.90\"},\"would_succeed\":true}"),
                firstPaid);

        JsonNode search = ok(api.post(SEARCH + "?dry_run=true", Map.of("query", "anything"), agent.apiKey()));
        assertEquals("{\"currency\":\"USDT\",\"amount\":\"0.50\"}", search.path("charge").toString());
        assertEquals("0.50", search.at("/balance_after/amount").asText());
        assertAmount("1.00", Funding.balances(agent.id()).get(Currency.USDT));
        assertEquals(1, Funding.entries(agent.id()).size(), "nothing charged by any dry run");

        // Validated exactly as for real.
        Api.Response invalid = api.post(SEARCH + "?dry_run=true", Map.of("query", 42), agent.apiKey());
        assertEquals(422, invalid.status(), invalid::toString);
        assertEquals(invalid.body(), api.post(SEARCH, Map.of("query", 42), agent.apiKey()).body());
        Api.Response typo = api.post(SEARCH + "?dry_run=yes", Map.of("query", "anything"), agent.apiKey());
        assertEquals(422, typo.status(), typo::toString);
        assertTrue(typo.body().path("errors").has("dry_run"), typo::toString);
        assertEquals(404, api.get("/api/agent/user/999999999999?dry_run=true", agent.apiKey()).status());
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aDryRunThatWouldNotBePaidSaysWhyWithTheRequirements() {
        var a = Schedules.activeAgent("x402-dry-poor");
        Api.Response quoted = api.post("/api/agent/schedules?dry_run=true", Schedules.body(a.kalId()), a.agent().apiKey());
        assertEquals(200, quoted.status(), quoted::toString);
        assertFalse(quoted.body().path("would_succeed").asBoolean(true), quoted::toString);
        assertEquals("Insufficient wallet balance.", quoted.body().path("reason").asText());
        assertTrue(quoted.body().path("charge").isNull());
        JsonNode accepted = decode(quoted.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()).path("accepts").get(0);
        assertEquals("1000000", accepted.path("amount").asText());
        assertEquals(usdcAddress(a.agent().id()), accepted.path("payTo").asText());
        assertEquals(0, api.get("/api/agent/schedules", a.agent().apiKey()).body().path("total").asInt(), "nothing created");
        assertEquals(403, api.post("/api/agent/schedules?dry_run=true", Schedules.body(a.kalId()),
                Agents.register("x402-dry-pending").apiKey()).status(), "authorised exactly as for real");
    }

    @Test
    void thePricesArePublic() {
        Api.Response prices = api.get("/api/agent/prices");
        assertEquals(200, prices.status(), prices::toString);
        assertEquals("USD", prices.body().path("currency").asText());
        Map<String, String> byType = new TreeMap<>();
        prices.body().path("operations").forEach(o -> byType.put(o.path("usage_type").asText(),
                o.path("price_usd").asText() + "/" + o.path("free_per_month").asInt()));
        assertEquals(Map.of("api_search", "0.50/0", "api_user_view", "0.10/100", "schedule_create", "1.00/0"), byType);
    }

    /** Sends {@code alter}ed fresh payment: 402 with {@code reason}, nothing charged, nothing moved on chain. */
    private void refusedAndNothingMoved(Agents.Registered agent, String body, String reason, Consumer<JsonNode> alter) {
        String payTo = usdcAddress(agent.id());
        BigDecimal onChain = chain.tokenBalance(Deposits.usdc(), payTo);
        int entries = Funding.entries(agent.id()).size();
        JsonNode payload = decode(signed(agent.apiKey(), body, null));
        alter.accept(payload);
        Api.Response refused = withPayment(agent.apiKey(), body, encode(payload));
        assertEquals(402, refused.status(), refused::toString);
        assertEquals(reason, refused.body().path("error").asText(), refused::toString);
        assertEquals(entries, Funding.entries(agent.id()).size());
        assertEquals(0, onChain.compareTo(chain.tokenBalance(Deposits.usdc(), payTo)));
    }

    /** A fresh payment payload for a search, signed by the x402 client but not sent. */
    private String signed(String apiKey, String body, String paymentId) {
        List<String> options = new ArrayList<>(List.of("--method", "POST", "--body", body,
                "--header", "Authorization: Bearer " + apiKey, "--sign-only"));
        if (paymentId != null) {
            options.addAll(List.of("--payment-id", paymentId));
        }
        JsonNode run = client.pay(url(SEARCH), options.toArray(String[]::new));
        assertEquals(0, run.path("status").asInt(), run::toString);
        return run.path("paymentSignature").asText();
    }

    private Api.Response withPayment(String apiKey, String body, String paymentSignature) {
        return api.send("POST", SEARCH, body, "Bearer " + apiKey, Map.of("PAYMENT-SIGNATURE", paymentSignature));
    }

    private static JsonNode ok(Api.Response response) {
        assertEquals(200, response.status(), response::toString);
        return response.body();
    }

    private static String usdcAddress(long agentId) {
        return new WalletRepository(TestServer.table()).find(agentId, Currency.USDC).orElseThrow().depositAddress();
    }

    private static String url(String path) {
        return TestServer.get().baseUrl() + path;
    }

    private static JsonNode decode(String header) {
        return Json.stored(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
    }

    private static String encode(JsonNode json) {
        return Base64.getEncoder().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual);
    }
}
