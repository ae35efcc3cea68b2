package com.ceki.tests.support;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on 127.0.0.1, as an agent would run one: it records every request it gets (headers and body as
 * received) and answers with the statuses it is told to, then 200. Signatures are checked by the tests with the
 * Standard Webhooks library, as a receiver would.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public JsonNode json() {
            return Json.stored(body);
        }

        public String type() {
            return json().path("type").asText();
        }

        /** Whether {@code secret} verifies this request with the Standard Webhooks library. */
        public boolean verifies(String secret) {
            return verifies(secret, body);
        }

        /** Whether {@code secret} verifies {@code otherBody} under this request's headers. */
        public boolean verifies(String secret, String otherBody) {
            try {
                new Webhook(secret).verify(otherBody, headers);
                return true;
            } catch (Exception refused) {
                return false;
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            received.add(new Received(headers, body));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 200 : statuses.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers the next requests with {@code codes}, in order, then 200 again. */
    public WebhookReceiver answering(Integer... codes) {
        synchronized (statuses) {
            statuses.addAll(List.of(codes));
        }
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests carrying events of {@code type}. */
    public List<Received> ofType(String type) {
        return received.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** Waits until at least {@code count} requests of {@code type} arrived, and returns them. */
    public List<Received> await(String type, int count, Duration timeout) {
        Eventually.await(count + " " + type + " webhook(s) at " + url(), timeout, () -> ofType(type).size() >= count);
        return ofType(type);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
