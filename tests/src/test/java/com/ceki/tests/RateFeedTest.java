package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.billing.StoredUsdRates;
import com.ceki.ratefeed.RateFeedHandler;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.tests.support.TestServer;
import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The exchange-rate feed against a local price API: fresh prices are stored, bad answers store nothing. */
class RateFeedTest {

    @Test
    void storesFreshPricesAndNeverAGuess() throws Exception {
        TestServer.get(); // the functions' configuration (table, endpoints) is set when the local API starts
        AtomicReference<String> answer = new AtomicReference<>("{\"bitcoin\":{\"usd\":97123.45},\"ethereum\":{\"usd\":3456.7}}");
        HttpServer prices = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        prices.createContext("/", exchange -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prices.start();
        System.setProperty("RATE_SOURCE_URL", "http://127.0.0.1:" + prices.getAddress().getPort() + "/simple/price");
        try {
            RateFeedHandler feed = new RateFeedHandler(); // built like the runtime builds it, from the environment
            long before = Instant.now().getEpochSecond();
            assertTrue(feed.handleRequest(Map.of(), null).startsWith("stored"));
            Item rates = rates();
            assertEquals(0, new BigDecimal("97123.45").compareTo(rates.decimal("BTC")));
            assertEquals(0, new BigDecimal("3456.7").compareTo(rates.decimal("ETH")));
            assertTrue(rates.number("as_of") >= before);

            for (String bad : new String[] {"{\"bitcoin\":{\"usd\":-1},\"ethereum\":{\"usd\":3000}}", "{\"bitcoin\":{}}", "<html>"}) {
                answer.set(bad);
                assertTrue(feed.handleRequest(Map.of(), null).startsWith("WARN"), bad);
                assertEquals(0, new BigDecimal("97123.45").compareTo(rates().decimal("BTC")), "nothing written for " + bad);
            }
        } finally {
            System.clearProperty("RATE_SOURCE_URL");
            prices.stop(0);
            StoredUsdRates.store(TestServer.table(), new BigDecimal("100000"), new BigDecimal("4000"), Instant.now());
        }
    }

    private static Item rates() {
        return Item.from(TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name())
                .key(Item.key(Keys.rates(), Keys.RATES).map()).consistentRead(true)).item());
    }
}
