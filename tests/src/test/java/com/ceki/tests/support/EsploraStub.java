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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for an Esplora server (no Bitcoin node installs here), answering in Esplora's own paths and
 * field shapes: {@code /blocks/tip/height}, {@code /block-height/:height} (the hash, as text), {@code /block/:hash}
 * (with {@code tx_count}) and {@code /block/:hash/txs/:start_index} (25 a page, from a multiple of 25). Unconfirmed
 * payments sit in a mempool that no block endpoint lists; {@link #reorg} replaces a block's hash, as a chain
 * reorganisation would.
 */
public final class EsploraStub implements AutoCloseable {

    private static final int PAGE = 25;

    private final HttpServer server;
    private volatile long tip = 800_000;
    private final Map<Long, List<ObjectNode>> blocks = new ConcurrentHashMap<>();
    private final Map<Long, Integer> branch = new ConcurrentHashMap<>(); // which branch a height is on (reorgs)
    private final List<ObjectNode> mempool = new CopyOnWriteArrayList<>();
    private final AtomicLong nonce = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();

    public EsploraStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            String body = null;
            String[] parts = path.substring(1).split("/");
            if (path.equals("/blocks/tip/height")) {
                body = Long.toString(tip);
            } else if (parts.length == 2 && parts[0].equals("block-height")) {
                long height = Long.parseLong(parts[1]);
                body = height <= tip ? hash(height) : null;
            } else if (parts.length >= 2 && parts[0].equals("block")) {
                Long height = heightOf(parts[1]);
                if (height != null && parts.length == 2) {
                    body = Json.write(Json.object().put("id", parts[1]).put("height", height)
                            .put("tx_count", txs(height).size()));
                } else if (height != null && parts.length == 4 && parts[2].equals("txs")) {
                    int start = Integer.parseInt(parts[3]);
                    List<ObjectNode> all = txs(height);
                    if (start % PAGE == 0 && start < all.size()) {
                        ArrayNode page = Json.array();
                        all.subList(start, Math.min(all.size(), start + PAGE)).forEach(page::add);
                        body = Json.write(page);
                    }
                }
            }
            int status = body == null ? 404 : 200;
            byte[] bytes = (body == null ? "Block not found" : body).getBytes(StandardCharsets.UTF_8);
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

    /** Requests answered so far. */
    public int requests() {
        return requests.get();
    }

    /**
     * Adds a transaction paying {@code sats} to {@code address} at output 1 (after a change output), in block
     * {@code blockHeight}, or in the mempool when it is null; returns its txid.
     */
    public String pay(String address, long sats, Long blockHeight) {
        String txid = (Long.toHexString(System.nanoTime()) + Long.toHexString(nonce.incrementAndGet()) + "aa".repeat(32))
                .substring(0, 64);
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
        if (blockHeight == null) {
            mempool.add(tx);
        } else {
            status.put("block_height", blockHeight).put("block_hash", hash(blockHeight)).put("block_time", 1_700_000_000L);
            blocks.computeIfAbsent(blockHeight, h -> new CopyOnWriteArrayList<>()).add(tx);
        }
        return txid;
    }

    /** Drops a transaction from the mempool (replaced by fee or expired): no block will ever hold it. */
    public void drop(String txid) {
        mempool.removeIf(tx -> tx.path("txid").asText().equals(txid));
    }

    /** Replaces the block at {@code height} by another with the same transactions (a reorganisation). */
    public void reorg(long height) {
        branch.merge(height, 1, Integer::sum);
    }

    /** The hash of the block at {@code height}: deterministic per height and branch. */
    public String hash(long height) {
        return String.format("%016x%048x", branch.getOrDefault(height, 0), height);
    }

    private Long heightOf(String hash) {
        try {
            long height = Long.parseLong(hash.substring(16), 16);
            return hash.equals(hash(height)) && height <= tip ? height : null;
        } catch (RuntimeException notOurs) {
            return null;
        }
    }

    private List<ObjectNode> txs(long height) {
        return blocks.getOrDefault(height, List.of());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
