package com.ceki.ratefeed;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A price API in the widespread "simple price" shape ({@code {"bitcoin":{"usd":97000.5},"ethereum":{"usd":3500}}},
 * as CoinGecko answers {@code /simple/price?ids=bitcoin,ethereum&vs_currencies=usd}). Anything else, or a
 * non-positive price, is no answer: the feed then writes nothing and the stored rates age out (503s), never a guess.
 */
final class RateSource {

    /** USD per BTC and per ETH. */
    record Rates(BigDecimal btcUsd, BigDecimal ethUsd) {}

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;

    RateSource(String url) {
        this.url = URI.create(url);
    }

    Optional<Rates> fetch() {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode body = Json.parse(response.body());
            BigDecimal btc = price(body, "bitcoin");
            BigDecimal eth = price(body, "ethereum");
            return btc == null || eth == null ? Optional.empty() : Optional.of(new Rates(btc, eth));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static BigDecimal price(JsonNode body, String coin) {
        JsonNode usd = body.path(coin).path("usd");
        if (!usd.isNumber()) {
            return null;
        }
        BigDecimal value = usd.decimalValue();
        return value.signum() > 0 ? value : null;
    }
}
