package com.ceki.depositscanner;

import com.ceki.core.json.Json;
import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.deposits.Deposit;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Bitcoin through an Esplora-compatible REST API ({@code ESPLORA_URL}): the tip height, and per deposit address
 * its transactions; an output paying the address counts once its block has enough confirmations.
 */
public class EsploraSource {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public EsploraSource(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public long tipHeight() {
        return Long.parseLong(get("/blocks/tip/height").trim());
    }

    /** Outputs paying {@code address} in transactions with at least {@code confirmations} at {@code tip}. */
    public List<Deposit> confirmedOutputs(String address, long tip, int confirmations) {
        List<Deposit> deposits = new ArrayList<>();
        JsonNode txs;
        try {
            txs = Json.parse(get("/address/" + address + "/txs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Esplora answered with something that is not JSON", e);
        }
        for (JsonNode tx : txs) {
            JsonNode status = tx.path("status");
            if (!status.path("confirmed").asBoolean(false)) {
                continue; // in the mempool: may still be replaced or dropped
            }
            long height = status.path("block_height").asLong();
            if (tip - height + 1 < confirmations) {
                continue;
            }
            JsonNode outputs = tx.path("vout");
            for (int i = 0; i < outputs.size(); i++) {
                JsonNode out = outputs.get(i);
                if (address.equalsIgnoreCase(out.path("scriptpubkey_address").asText())) {
                    deposits.add(new Deposit(Chain.BITCOIN, Currency.BTC, tx.path("txid").asText(), Integer.toString(i),
                            height, status.path("block_hash").asText(), address,
                            new BigDecimal(BigInteger.valueOf(out.path("value").asLong()), Currency.BTC.decimals())));
                }
            }
        }
        return deposits;
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("Esplora " + path + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
