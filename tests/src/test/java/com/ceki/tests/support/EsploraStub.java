package com.ceki.tests.support;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for an Esplora server (no Bitcoin node installs here), answering {@code /blocks/tip/height}
 * and {@code /address/:address/txs} with responses in Esplora's own field shapes.
 */
public final class EsploraStub implements AutoCloseable {

    private final HttpServer server;
    private volatile long tip = 800_000;
    private final Map<String, List<ObjectNode>> txs = new ConcurrentHashMap<>();

    public EsploraStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            int status = 200;
            if (path.equals("/blocks/tip/height")) {
                body = Long.toString(tip);
            } else if (path.startsWith("/address/") && path.endsWith("/txs")) {
                String address = path.substring("/address/".length(), path.length() - "/txs".length());
                ArrayNode list = Json.array();
                txs.getOrDefault(address, List.of()).forEach(list::add);
                body = Json.write(list);
            } else {
                status = 404;
                body = "not found";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void tip(long height) {
        tip = height;
    }

    public long tip() {
        return tip;
    }

    /** Adds a transaction paying {@code sats} to {@code address} at output {@code vout} (after a change output). */
    public String pay(String address, long sats, Long blockHeight) {
        String txid = Long.toHexString(System.nanoTime()) + "aa".repeat(28);
        txid = txid.substring(0, 64);
        ObjectNode tx = Json.object().put("txid", txid).put("version", 2).put("locktime", 0).put("size", 222)
                .put("weight", 561).put("fee", 1410);
        tx.putArray("vin").addObject().put("txid", "ff".repeat(32)).put("vout", 0).put("is_coinbase", false)
                .put("sequence", 4294967293L);
        ArrayNode vout = tx.putArray("vout");
        vout.addObject().put("scriptpubkey", "0014" + "11".repeat(20)).put("scriptpubkey_type", "v0_p2wpkh")
                .put("scriptpubkey_address", "bcrt1qchange0000000000000000000000000000000").put("value", 5_000_000);
        vout.addObject().put("scriptpubkey", "0014" + "22".repeat(20)).put("scriptpubkey_type", "v0_p2wpkh")
                .put("scriptpubkey_address", address).put("value", sats);
        ObjectNode status = tx.putObject("status").put("confirmed", blockHeight != null);
        if (blockHeight != null) {
            status.put("block_height", blockHeight).put("block_hash", "00".repeat(16) + Long.toHexString(blockHeight + 1_000_000_000_000L) + "0".repeat(5))
                    .put("block_time", 1_700_000_000L);
        }
        txs.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(0, tx); // newest first, as Esplora lists
        return txid;
    }

    /** Drops a transaction from the mempool (replaced by fee or expired). */
    public void drop(String address, String txid) {
        txs.getOrDefault(address, List.of()).removeIf(tx -> tx.path("txid").asText().equals(txid));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
