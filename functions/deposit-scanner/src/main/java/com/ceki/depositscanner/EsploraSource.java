package com.ceki.depositscanner;

import com.ceki.core.json.Json;
import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.deposits.Deposit;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Bitcoin through an Esplora-compatible REST API ({@code ESPLORA_URL}), read by blocks as Ethereum is: the tip
 * height, a height's block hash, and a block's transactions page by page ({@code /block/:hash/txs/:start}, 25 a
 * page). The cost of a scan grows with the blocks and the transactions in them, never with how many deposit
 * addresses exist, and an address that receives many transactions misses none of them.
 */
public class EsploraSource {

    /** Esplora's page size for a block's transactions. */
    static final int PAGE = 25;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public EsploraSource(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public long tipHeight() {
        return Long.parseLong(get("/blocks/tip/height").trim());
    }

    /** The hash of the block at {@code height} on the chain the server follows now. */
    public String blockHash(long height) {
        return get("/block-height/" + height).trim();
    }

    /**
     * The outputs of block {@code height} that pay one of our addresses: {@code ours} is given every address the
     * block pays and answers which are deposit addresses (lower-cased), one lookup per block.
     */
    public List<Deposit> outputs(long height, String hash, Function<Set<String>, Set<String>> ours) {
        int count = json("/block/" + hash).path("tx_count").asInt(-1);
        if (count < 0) {
            throw new IllegalStateException("Esplora gave no tx_count for block " + height + " (" + hash + ")");
        }
        List<JsonNode> txs = new ArrayList<>(count);
        for (int start = 0; start < count; start += PAGE) {
            json("/block/" + hash + "/txs/" + start).forEach(txs::add);
        }
        if (txs.size() != count) {
            // A page went missing (the block was replaced while it was read): the caller reads the block again.
            throw new IllegalStateException("Block " + height + " listed " + txs.size() + " of its " + count + " transactions");
        }
        Set<String> paid = new HashSet<>();
        txs.forEach(tx -> tx.path("vout").forEach(out -> {
            if (out.hasNonNull("scriptpubkey_address")) {
                paid.add(out.path("scriptpubkey_address").asText().toLowerCase(Locale.ROOT));
            }
        }));
        Set<String> deposits = paid.isEmpty() ? Set.of() : ours.apply(paid);
        List<Deposit> found = new ArrayList<>();
        for (JsonNode tx : txs) {
            JsonNode outputs = tx.path("vout");
            for (int i = 0; i < outputs.size(); i++) {
                JsonNode out = outputs.get(i);
                String address = out.path("scriptpubkey_address").asText();
                if (deposits.contains(address.toLowerCase(Locale.ROOT))) {
                    found.add(new Deposit(Chain.BITCOIN, Currency.BTC, tx.path("txid").asText(), Integer.toString(i),
                            height, hash, address, new BigDecimal(BigInteger.valueOf(out.path("value").asLong()),
                            Currency.BTC.decimals())));
                }
            }
        }
        return found;
    }

    private JsonNode json(String path) {
        try {
            return Json.parse(get(path));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Esplora " + path + " answered with something that is not JSON", e);
        }
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
