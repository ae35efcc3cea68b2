package com.ceki.local.faults;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What a {@link FaultProxy} does to the calls it claims: which operations ({@link #on}), how many of them (the
 * next {@code n}, a share, or all until removed), and the answer, which is the one the real service sends under
 * that fault. Thread-safe: concurrent calls through the proxy share it.
 */
public final class Fault {

    /** The proxy's answer: a status with headers and body, a delay (then forward, or then answer), or a dead connection. */
    record Answer(int status, Map<String, String> headers, byte[] body, Duration delay, boolean dropConnection) {
        static Answer of(int status, String contentType, String body) {
            return new Answer(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), null, false);
        }
    }

    private final Set<String> operations;
    private final AtomicInteger remaining;
    private final double share;
    private final Random random;
    private final Function<Call, Answer> answer;
    private final AtomicInteger injected = new AtomicInteger();

    private Fault(Set<String> operations, AtomicInteger remaining, double share, Random random, Function<Call, Answer> answer) {
        this.operations = operations;
        this.remaining = remaining;
        this.share = share;
        this.random = random;
        this.answer = answer;
    }

    /** Calls of these operations (none named: every call). */
    public static Selector on(String... operations) {
        return new Selector(Set.of(operations), null, 1.0, 0);
    }

    /** How many calls this fault has answered. */
    public int injected() {
        return injected.get();
    }

    boolean claims(Call call) {
        if (!operations.isEmpty() && !operations.contains(call.operation())) {
            return false;
        }
        if (share < 1.0) {
            synchronized (random) {
                if (random.nextDouble() >= share) {
                    return false;
                }
            }
        }
        if (remaining != null && remaining.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
            return false;
        }
        injected.incrementAndGet();
        return true;
    }

    Answer answer(Call call) {
        return answer.apply(call);
    }

    /** Which of the matching calls a fault claims, then what it answers. */
    public record Selector(Set<String> operations, Integer times, double share, long seed) {

        /** Only the next {@code n} matching calls. */
        public Selector times(int n) {
            return new Selector(operations, n, share, seed);
        }

        /** Each matching call with probability {@code share}, from a seeded generator (runs can be repeated). */
        public Selector share(double share, long seed) {
            return new Selector(operations, times, share, seed);
        }

        private Fault answer(Function<Call, Answer> answer) {
            return new Fault(operations, times == null ? null : new AtomicInteger(times), share, new Random(seed), answer);
        }

        /**
         * DynamoDB's answer to a transaction that met another on one of its items: 400
         * {@code TransactionCanceledException} with one cancellation reason per item, {@code TransactionConflict}
         * for the first and {@code None} for the rest.
         */
        public Fault transactionConflict() {
            return answer(call -> {
                JsonNode request = call.json();
                int items = request == null ? 1 : Math.max(1, request.path("TransactItems").size());
                ObjectNode body = Json.object()
                        .put("__type", "com.amazonaws.dynamodb.v20120810#TransactionCanceledException");
                StringBuilder codes = new StringBuilder();
                ArrayNode reasons = body.putArray("CancellationReasons");
                for (int i = 0; i < items; i++) {
                    String code = i == 0 ? "TransactionConflict" : "None";
                    ObjectNode reason = reasons.addObject().put("Code", code);
                    if (i == 0) {
                        reason.put("Message", "Transaction is ongoing for the item");
                    }
                    codes.append(i == 0 ? "" : ", ").append(code);
                }
                body.put("Message", "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
                return Answer.of(400, "application/x-amz-json-1.0", body.toString());
            });
        }

        /** A DynamoDB client error: {@code ProvisionedThroughputExceededException} or {@code ThrottlingException}. */
        public Fault dynamoError(String type, String message) {
            String namespace = type.equals("ThrottlingException") ? "com.amazon.coral.availability#"
                    : "com.amazonaws.dynamodb.v20120810#";
            String body = Json.object().put("__type", namespace + type).put("message", message).toString();
            return answer(call -> Answer.of(400, "application/x-amz-json-1.0", body));
        }

        /** A server error ({@code 500}, {@code 503}) in the protocol's own error shape. */
        public Fault status(int status) {
            String type = status == 503 ? "ServiceUnavailable" : "InternalFailure";
            return answer(call -> switch (call.protocol()) {
                case "json" -> Answer.of(status, "application/x-amz-json-1.0", Json.object()
                        .put("__type", "com.amazon.coral.service#" + type).put("message", "injected " + status).toString());
                case "query" -> Answer.of(status, "text/xml", "<ErrorResponse><Error><Type>Receiver</Type><Code>" + type
                        + "</Code><Message>injected " + status + "</Message></Error><RequestId>fault</RequestId></ErrorResponse>");
                default -> Answer.of(status, "text/plain", "injected " + status);
            });
        }

        /** A JSON-RPC error answer (HTTP 200), with the request's id. */
        public Fault jsonRpcError(int code, String message) {
            return answer(call -> {
                JsonNode request = call.json();
                ObjectNode body = Json.object().put("jsonrpc", "2.0");
                body.set("id", request == null ? null : request.path("id"));
                body.putObject("error").put("code", code).put("message", message);
                return Answer.of(200, "application/json", body.toString());
            });
        }

        /** The call waits {@code delay}, then is forwarded (past a client's timeout, it is a timeout). */
        public Fault delay(Duration delay) {
            return answer(call -> new Answer(0, Map.of(), new byte[0], delay, false));
        }

        /** The connection is closed without an answer, as by a service that is down. */
        public Fault dropConnection() {
            return answer(call -> new Answer(0, Map.of(), new byte[0], null, true));
        }
    }
}
