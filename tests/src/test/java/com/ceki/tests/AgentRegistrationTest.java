package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.addresses.BitcoinNetwork;
import com.ceki.addresses.HdDepositAddresses;
import com.ceki.core.auth.ApiKeys;
import com.ceki.core.money.Chain;
import com.ceki.local.runner.LocalEnvironment;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Registration end to end: response shape, stored items, email, addresses, the full verification flow. */
class AgentRegistrationTest {

    private final Api api = TestServer.api();

    @Test
    void registersVerifiesAndUsesTheKeyEndToEnd() {
        String email = Agents.uniqueEmail("flow");
        Map<String, Object> body = Agents.body("My Agent", email);
        body.put("currency", "USDT");
        body.put("description", "AI assistant that books consultations");
        body.put("skills", List.of("scheduling", "search"));
        body.put("languages", List.of("en", "ru"));
        var registered = Agents.register(body);
        JsonNode r = registered.response().body();

        assertTrue(r.path("api_key").asText().matches("ceki_[0-9A-Za-z]{40}"), r::toString);
        assertEquals("pending_deposit", r.path("status").asText());
        assertFalse(r.path("email_verified").asBoolean());
        assertTrue(r.path("kal_id").asLong() > 0);
        assertEquals("USDT", r.path("wallet").path("currency").asText());
        assertTrue(r.path("wallet").path("deposit_address").asText().matches("0x[0-9a-fA-F]{40}"));
        assertEquals("20.00", r.path("wallet").path("required_amount").asText());
        assertEquals("20.00", r.path("wallet").path("required_usd").asText());
        assertEquals("Registration successful. Deposit 20.00 USDT (~$20.00) to activate your account. "
                + "Verify your email to access user profiles.", r.path("message").asText());

        // The code arrives by email, in a plain-text and an HTML part.
        JsonNode mail = TestServer.mailbox().to(email).getFirst();
        assertTrue(mail.path("body").path("html").asText().contains("<strong>"), mail::toString);
        String code = TestServer.mailbox().latestCode(email);

        // The key works through the authorizer before verification (pending agents may use account endpoints).
        Api.Response me = api.get("/api/agent/me", registered.apiKey());
        assertEquals(200, me.status(), me::toString);
        JsonNode agent = me.body().path("agent");
        assertEquals(registered.id(), agent.path("id").asLong());
        assertEquals(email, agent.path("email").asText());
        assertEquals(registered.apiKey().substring(0, 9), agent.path("api_key_prefix").asText());
        assertEquals("AI assistant that books consultations", agent.path("description").asText());
        assertEquals(List.of("scheduling", "search"), List.of(agent.path("skills").get(0).asText(), agent.path("skills").get(1).asText()));
        assertEquals(r.path("kal_id").asLong(), agent.path("kal_id").asLong());
        JsonNode wallet = agent.path("wallets").get(0);
        assertEquals("USDT", wallet.path("currency").asText());
        assertEquals("0.00", wallet.path("balance").asText());
        assertEquals(r.path("wallet").path("deposit_address").asText(), wallet.path("deposit_address").asText());
        assertTrue(agent.path("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));

        Api.Response verified = api.post("/api/agent/verify-email", Map.of("email", email.toUpperCase(), "code", code));
        assertEquals(200, verified.status(), verified::toString);
        assertEquals(registered.id(), verified.body().path("agent_id").asLong());
        assertTrue(verified.body().path("email_verified").asBoolean());
        assertEquals("Email verified successfully.", verified.text("message"));
        assertTrue(api.get("/api/agent/me", registered.apiKey()).body().path("agent").path("email_verified").asBoolean());
    }

    @Test
    void storesTheKeyOnlyAsItsHashAndReservesTheEmail() {
        var registered = Agents.register("hash");
        String hash = ApiKeys.hash(registered.apiKey());
        Item keyItem = get(Keys.apiKey(hash), Keys.API_KEY);
        assertEquals(registered.id(), keyItem.number("agent_id"));
        Item agent = get(Keys.agent(registered.id()), Keys.AGENT);
        assertEquals(hash, agent.string("api_key_hash"));
        for (AttributeValue value : agent.map().values()) {
            assertFalse(String.valueOf(value).contains(registered.apiKey().substring(5)), "raw key stored");
        }
        assertFalse(agent.string("code_hash").matches("\\d{6}"), "code stored in clear");
        assertEquals(registered.id(), get(Keys.agentEmail(registered.email()), Keys.AGENT_EMAIL).number("agent_id"));
    }

    @Test
    void derivesBitcoinAndEthereumAddressesFromTheConfiguredXpubs() {
        var deriver = new HdDepositAddresses(LocalEnvironment.PARAMETERS.get("BtcAccountXpub"), BitcoinNetwork.REGTEST,
                LocalEnvironment.PARAMETERS.get("EthAccountXpub"));
        for (String currency : List.of("BTC", "ETH", "USDC")) {
            Map<String, Object> body = Agents.body("Addr " + currency, Agents.uniqueEmail("addr"));
            body.put("currency", currency);
            var registered = Agents.register(body);
            String address = registered.response().body().path("wallet").path("deposit_address").asText();
            Item wallet = get(Keys.agent(registered.id()), Keys.wallet(currency));
            long index = wallet.number("address_index");
            Chain chain = currency.equals("BTC") ? Chain.BITCOIN : Chain.ETHEREUM;
            assertEquals(deriver.address(chain, index), address);
            if (chain == Chain.BITCOIN) {
                assertTrue(address.startsWith("bcrt1q"), address);
            }
            Item guard = get(Keys.depositAddress(chain.name(), address), Keys.DEPOSIT_ADDRESS);
            assertEquals(registered.id(), guard.number("agent_id"));
            assertEquals(currency, guard.string("currency"));
        }
    }

    @Test
    void quotesTheActivationAmountInTheChosenCurrency() {
        Map<String, Object> body = Agents.body("BTC agent", Agents.uniqueEmail("btc"));
        body.put("currency", "BTC");
        JsonNode wallet = Agents.register(body).response().body().path("wallet");
        // 20 USD at the local default of 100000 USD/BTC, rounded up to the satoshi.
        assertEquals("0.00020000", wallet.path("required_amount").asText());
        assertEquals("20.00", wallet.path("required_usd").asText());
    }

    @Test
    void parallelRegistrationsNeverShareADepositAddress() throws Exception {
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> Agents.register("parallel").response()
                        .body().path("wallet").path("deposit_address").asText()));
            }
            Set<String> addresses = new HashSet<>();
            for (Future<String> f : futures) {
                addresses.add(f.get());
            }
            assertEquals(n, addresses.size(), "addresses were reused: " + addresses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDuplicateEmailIsA422WhateverItsCase() {
        var first = Agents.register("dup");
        Api.Response again = api.post("/api/agent/register", Agents.body("Other", first.email().toUpperCase()));
        assertEquals(422, again.status(), again::toString);
        assertEquals("The email has already been taken.", again.body().path("errors").path("email").get(0).asText());
        assertNotEquals(first.apiKey(), again.text("api_key"));
    }

    private static Item get(String pk, String sk) {
        Item item = Item.from(TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name())
                .key(Item.key(pk, sk).map()).consistentRead(true)).item());
        assertFalse(item.isEmpty(), "no item " + pk + " / " + sk);
        return item;
    }
}
