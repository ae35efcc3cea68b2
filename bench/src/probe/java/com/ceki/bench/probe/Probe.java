package com.ceki.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Main class of each child JVM of the cold-start benchmark: constructs one Lambda handler as the Java runtime does
 * (public no-argument constructor), gives it one event and prints one result line, then exits.
 *
 * <p>Usage: {@code Probe <handlerClass> <hello|http|authorizer|sqs> [name=value...]}, options as in {@link HttpApiEvents}.
 *
 * <p>The probe runs with nothing on its classpath but itself and the function's deployment jar, so it may only use
 * the JDK and what that jar contains: aws-lambda-java-core and the event classes the function itself uses. Hence
 * the event classes are touched only in {@link HttpApiEvents} and {@link AuthorizerEvents}, which load only for
 * their kind, and are filled through setters (the minimized jars need not keep the builders).
 *
 * <p>The probe must not add start-up cost of its own, or it would raise the floor: no lambdas, records, pattern
 * switches or {@code +} on strings, all of which bootstrap {@code invokedynamic} machinery on first use.
 */
public final class Probe {

    /** Starts the result line: {@code @@probe main_at_ms=.. init_us=.. request_us=.. <outcome>}. */
    public static final String MARKER = "@@probe";

    private Probe() {}

    public static void main(String[] args) {
        long mainAt = System.currentTimeMillis();
        try {
            String handlerClass = args[0];
            String kind = args[1];
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 2; i < args.length; i++) {
                int eq = args[i].indexOf('=');
                options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }

            long initStart = System.nanoTime();
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>)
                    Class.forName(handlerClass).getDeclaredConstructor().newInstance();
            long requestStart = System.nanoTime();
            // The event is made after init, as the runtime reads the first event only once the handler exists.
            Object event;
            switch (kind) {
                case "hello":
                    event = Map.of("hello", "world");
                    break;
                case "http":
                    event = HttpApiEvents.request(options);
                    break;
                case "authorizer":
                    event = AuthorizerEvents.request(options);
                    break;
                case "sqs":
                    event = SqsEvents.batch(options);
                    break;
                default:
                    throw new IllegalArgumentException("unknown event kind: " + kind);
            }
            Object response = handler.handleRequest(event, new ProbeContext(options.get("requestId")));
            long responded = System.nanoTime();

            String outcome;
            switch (kind) {
                case "http":
                    outcome = HttpApiEvents.describe(response);
                    break;
                case "authorizer":
                    outcome = AuthorizerEvents.describe(response);
                    break;
                case "sqs":
                    outcome = SqsEvents.describe(response);
                    break;
                default:
                    outcome = String.valueOf(response);
            }
            StringBuilder line = new StringBuilder(MARKER)
                    .append(" main_at_ms=").append(mainAt)
                    .append(" init_us=").append((requestStart - initStart) / 1000)
                    .append(" request_us=").append((responded - requestStart) / 1000)
                    .append(' ').append(outcome.replace('\r', ' ').replace('\n', ' ')); // one line, even for iCalendar's CRLF
            System.out.println(line);
            System.out.flush();
            System.exit(0); // do not wait for any non-daemon thread a client library may have started
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }
}
