package com.ceki.local.runner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.ceki.local.runner.HttpEvents.IncomingRequest;
import com.ceki.local.template.SamTemplate.AuthorizerDef;
import com.ceki.local.template.SamTemplate.FunctionDef;
import com.ceki.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Our Docker-free {@code sam local start-api}: serves every {@code HttpApi} route of {@code template.yaml},
 * running the route's Lambda authorizer first exactly as an HTTP API does (simple responses: a deny is
 * {@code 403 {"message":"Forbidden"}}, a missing identity source {@code 401 {"message":"Unauthorized"}}, an
 * authorizer failure {@code 500}), passing its context on, and invoking the function's real handler class with
 * the payload 2.0 event. Adding a route to the template is all it takes for it to be served here.
 *
 * <p>HTTP is Jetty's (core, no servlets): unlike the JDK's server, whose request-line parser answers a malformed
 * escape with an HTML page naming a Java exception before any handler runs, Jetty lets {@link JsonErrors} answer
 * everything it refuses itself (bad request line, escape, header, sizes) with API Gateway's JSON error.
 */
public final class LocalApi implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final RouteTable routes;
    private final Map<String, AuthorizerDef> authorizers;
    private final Map<String, FunctionDef> functionsById = new HashMap<>();
    private final Functions functions = new Functions();

    private final ScheduledExecutorService schedules =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "local-schedules");
                t.setDaemon(true);
                return t;
            });

    private LocalApi(SamTemplate template, int port, LocalQueues queues, boolean runSchedules) throws Exception {
        List<FunctionDef> defs = template.functions();
        defs.forEach(f -> functionsById.put(f.logicalId(), f));
        this.routes = new RouteTable(defs);
        this.authorizers = template.authorizers();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("local-api");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor()); // a virtual thread per request, as before
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // API Gateway names no server
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(256);
        // Jetty writes a response's head and body together and sets TCP_NODELAY on accepted sockets (its default,
        // kept): no ~40 ms delayed-ACK wait on responses past a segment, which is the emulation's, not API Gateway's.
        connector.setAcceptedTcpNoDelay(true);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        server.setErrorHandler(new JsonErrors());
        server.start();
        queues.start(defs, functions);
        if (runSchedules) {
            startSchedules(defs);
        }
    }

    /**
     * Fires each scheduled function every {@code LOCAL_SCHEDULE_SECONDS} (default 5) instead of its template rate,
     * one run at a time, so a local deposit is credited within seconds.
     */
    private void startSchedules(List<FunctionDef> defs) {
        long every = Long.parseLong(System.getenv().getOrDefault("LOCAL_SCHEDULE_SECONDS", "5"));
        for (FunctionDef function : defs) {
            if (function.schedules().isEmpty()) {
                continue;
            }
            schedules.scheduleWithFixedDelay(() -> {
                try {
                    invoke(function.logicalId(), scheduledEvent());
                } catch (RuntimeException | Error e) {
                    System.err.println("[local-schedule] " + function.logicalId() + " failed: " + e);
                }
            }, every, every, TimeUnit.SECONDS);
        }
    }

    /** Invokes a function of the template directly with {@code event}, as Lambda would (tests, schedules). */
    public Object invoke(String logicalId, Object event) {
        FunctionDef function = functionsById.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + logicalId + " in the template");
        }
        return functions.handler(function).handleRequest(event, new LocalContext(logicalId, UUID.randomUUID().toString()));
    }

    /** The EventBridge scheduled event, as a map (what a handler reading {@code Map} receives). */
    public static Map<String, Object> scheduledEvent() {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", HttpEvents.ACCOUNT_ID);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", "us-east-1");
        event.put("resources", List.of());
        event.put("detail", Map.of());
        return event;
    }

    /**
     * Serves {@code template} on {@code port} (0: any free port) and starts delivering {@code queues} to their
     * functions. {@code environment} becomes the functions' configuration (see {@link LocalEnvironment}).
     */
    public static LocalApi start(SamTemplate template, int port, Map<String, String> environment, LocalQueues queues,
                                 boolean runSchedules) {
        environment.forEach(System::setProperty);
        try {
            return new LocalApi(template, port, queues, runSchedules);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot listen on port " + port, e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public int routeCount() {
        return routes.size();
    }

    @Override
    public void close() {
        schedules.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("[local-api] stopping: " + e);
        }
    }

    private void serve(Request request, Response out, Callback callback) {
        Reply reply;
        try {
            reply = route(read(request));
        } catch (Exception | Error failure) {
            // What API Gateway answers when the integration itself fails.
            System.err.println("[local-api] " + request.getMethod() + " " + request.getHttpURI().getPath()
                    + " failed: " + failure);
            failure.printStackTrace();
            reply = Reply.json(500, "{\"message\":\"Internal Server Error\"}");
        }
        write(out, reply, callback);
    }

    private Reply route(IncomingRequest in) {
        var match = routes.match(in.method(), in.path());
        if (match.isEmpty()) {
            return Reply.json(404, "{\"message\":\"Not Found\"}");
        }
        var target = match.get().target();
        String routeKey = target.route().routeKey();
        Map<String, Object> authorizerContext = null;
        if (target.route().authorizer() != null) {
            AuthorizerDef authorizer = authorizers.get(target.route().authorizer());
            if (authorizer == null) {
                throw new IllegalStateException("Route " + routeKey + " names unknown authorizer " + target.route().authorizer());
            }
            List<String> identity = new ArrayList<>();
            for (String header : authorizer.identityHeaders()) {
                String value = HttpEvents.firstHeader(in, header);
                if (value == null || value.isEmpty()) {
                    return Reply.json(401, "{\"message\":\"Unauthorized\"}");
                }
                identity.add(value);
            }
            var event = HttpEvents.authorizer(in, routeKey, match.get().pathParameters(), identity);
            FunctionDef authFunction = functionsById.get(authorizer.functionLogicalId());
            Object result = functions.handler(authFunction)
                    .handleRequest(event, new LocalContext(authFunction.logicalId(), in.requestId()));
            SimpleIAMPolicyResponse decision = (SimpleIAMPolicyResponse) result;
            if (!decision.getIsAuthorized()) {
                return Reply.json(403, "{\"message\":\"Forbidden\"}");
            }
            authorizerContext = new HashMap<>(decision.getContext() == null ? Map.of() : decision.getContext());
        }
        var event = HttpEvents.request(in, routeKey, match.get().pathParameters(), authorizerContext);
        FunctionDef function = target.function();
        APIGatewayV2HTTPResponse out = (APIGatewayV2HTTPResponse) functions.handler(function)
                .handleRequest(event, new LocalContext(function.logicalId(), in.requestId()));
        byte[] body = out.getBody() == null ? new byte[0]
                : out.getIsBase64Encoded() ? Base64.getDecoder().decode(out.getBody())
                : out.getBody().getBytes(StandardCharsets.UTF_8);
        return new Reply(out.getStatusCode(), out.getHeaders() == null ? Map.of() : out.getHeaders(), body);
    }

    private static IncomingRequest read(Request request) throws IOException {
        byte[] bytes;
        try (InputStream body = Request.asInputStream(request)) {
            bytes = body.readAllBytes();
        }
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
        }
        String contentType = headers.getOrDefault("content-type", List.of("")).get(0).toLowerCase(Locale.ROOT);
        boolean text = bytes.length == 0 || contentType.isEmpty() || contentType.startsWith("text/")
                || contentType.contains("json") || contentType.contains("xml") || contentType.contains("x-www-form-urlencoded");
        String body = bytes.length == 0 ? null
                : text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes);
        return new IncomingRequest(request.getMethod().toUpperCase(Locale.ROOT), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers, body, body != null && !text, Request.getRemoteAddr(request),
                UUID.randomUUID().toString(), Instant.now());
    }

    private static void write(Response out, Reply reply, Callback callback) {
        out.setStatus(reply.status());
        reply.headers().forEach((k, v) -> out.getHeaders().put(k, v));
        out.getHeaders().put("apigw-requestid", "local");
        out.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        out.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    private record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
