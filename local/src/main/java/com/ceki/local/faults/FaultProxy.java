package com.ceki.local.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of one emulator: it forwards every call, except those a {@link Fault} claims,
 * which get the answer the real service gives under that fault (an error, a delay, a dead connection). The local
 * emulators never fail; this is how the tests (and {@code ./dev up --faults}) see the failure paths run.
 *
 * <p>Calls are told apart by what the real protocols carry: DynamoDB's and SQS's {@code X-Amz-Target}
 * ({@code DynamoDB_20120810.TransactWriteItems} is the operation {@code TransactWriteItems}), the query protocol's
 * {@code Action=} (SES), a JSON-RPC {@code "method"}, or else the method and path ({@code GET /blocks/tip/height}).
 */
public final class FaultProxy implements AutoCloseable {

    /** Request headers the JDK client sets itself (and refuses to be given). */
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

    private final String name;
    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    private FaultProxy(String name, URI target) throws IOException {
        this.name = name;
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy for the service {@code name} (for messages) in front of {@code target} ({@code http://host:port}). */
    public static FaultProxy start(String name, String target) {
        try {
            return new FaultProxy(name, URI.create(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fault proxy for " + name, e);
        }
    }

    /** Where the functions are pointed instead of the emulator. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String name() {
        return name;
    }

    /**
     * Claims matching calls until it is spent or removed; faults added first are asked first, and a delay passes the
     * call on to those after it (a slow node can also refuse).
     */
    public Fault inject(Fault fault) {
        faults.add(fault);
        return fault;
    }

    public void remove(Fault fault) {
        faults.remove(fault);
    }

    /** Every call forwarded again. */
    public void clear() {
        faults.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Call call = Call.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
            for (Fault fault : faults) {
                if (fault.claims(call)) {
                    Fault.Answer answer = fault.answer(call);
                    if (answer.delay() != null) {
                        sleep(answer.delay());
                    }
                    if (answer.dropConnection()) {
                        return; // closed without a response: the client sees the connection end
                    }
                    if (answer.status() != 0) {
                        send(exchange, answer.status(), answer.headers(), answer.body());
                        return;
                    }
                    // a delay only: the faults after it may still answer, else the call is forwarded
                }
            }
            forward(exchange, body);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((header, values) -> {
            if (!HOP_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(header, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            send(exchange, 502, Map.of("Content-Type", "text/plain"), (name + " unreachable: " + e).getBytes());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        response.headers().map().forEach((header, values) -> {
            String lower = header.toLowerCase(Locale.ROOT);
            if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.equals(":status")
                    && !lower.equals("connection")) {
                exchange.getResponseHeaders().put(header, values);
            }
        });
        byte[] bytes = response.body();
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204
                || response.statusCode() == 304;
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!noBody && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((header, value) -> exchange.getResponseHeaders().set(header, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        client.close();
    }

}
