package com.ceki.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Main class of each child JVM of the cold-start benchmark: constructs one Lambda handler as the Java runtime does
 * (public no-argument constructor), gives it one event and prints one result line, then exits.
 *
 * <p>Usage: {@code Probe <handlerClass> <hello|http|authorizer|sqs> [name=value...]}, options as in {@link HttpApiEvents}.
 *
 * <p>With {@code prime=true} the probe stands in for a SnapStart restore as closely as a JVM without CRaC can: after
 * the constructor it runs the function's snapshot priming ({@code com.ceki.aws.Priming.primeNow}, what
 * {@code beforeCheckpoint} runs), then the first request, then {@code warm=N} more of the same request (each option's
 * {@code {{n}}} replaced by the repeat's number, so that requests that create something create a new one) and prints
 * the median of those as the warm figure.
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

    /**
     * Starts the result line: {@code @@probe main_at_ms=.. init_us=.. prime_us=.. request_us=.. warm_p50_us=..
     * <outcome>} (prime and warm 0 unless primed).
     */
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

            boolean primed = "true".equals(options.get("prime"));
            int warm = options.containsKey("warm") ? Integer.parseInt(options.get("warm")) : 0;
            long initStart = System.nanoTime();
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>)
                    Class.forName(handlerClass).getDeclaredConstructor().newInstance();
            long primeStart = System.nanoTime();
            if (primed) {
                prime();
            }
            PrimingDone.mark();
            long requestStart = System.nanoTime();
            Object response = handler.handleRequest(event(kind, numbered(options, 0)),
                    new ProbeContext(options.get("requestId")));
            long responded = System.nanoTime();
            FirstRequestDone.mark();
            long[] warmNanos = new long[warm];
            for (int n = 1; n <= warm; n++) {
                Map<String, String> repeat = numbered(options, n);
                Object again = event(kind, repeat);
                long start = System.nanoTime();
                handler.handleRequest(again, new ProbeContext(repeat.get("requestId")));
                warmNanos[n - 1] = System.nanoTime() - start;
            }
            Arrays.sort(warmNanos);
            long warmP50 = warm == 0 ? 0 : warm % 2 == 1 ? warmNanos[warm / 2]
                    : (warmNanos[warm / 2 - 1] + warmNanos[warm / 2]) / 2;

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
                    .append(" init_us=").append((primeStart - initStart) / 1000)
                    .append(" prime_us=").append((requestStart - primeStart) / 1000)
                    .append(" request_us=").append((responded - requestStart) / 1000)
                    .append(" warm_p50_us=").append(warmP50 / 1000)
                    .append(' ').append(outcome.replace('\r', ' ').replace('\n', ' ')); // one line, even for iCalendar's CRLF
            System.out.println(line);
            System.out.flush();
            System.exit(0); // do not wait for any non-daemon thread a client library may have started
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Markers in a {@code -Xlog:class+load} log (the benchmark's {@code --classes}): each is loaded when its moment
     * comes, so the classes logged between the two are those the first request loaded.
     */
    static final class PrimingDone {
        static void mark() {}
    }

    static final class FirstRequestDone {
        static void mark() {}
    }

    /** Runs the function's snapshot priming, as a checkpoint would; a jar without any (the floor's) has none. */
    private static void prime() throws ReflectiveOperationException {
        Class<?> priming;
        try {
            priming = Class.forName("com.ceki.aws.Priming");
        } catch (ClassNotFoundException none) {
            return;
        }
        priming.getMethod("primeNow").invoke(null);
    }

    /** The event of {@code kind}, made after init, as the runtime reads the first event only once the handler exists. */
    private static Object event(String kind, Map<String, String> options) {
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
                throw new IllegalArgumentException("unknown event kind: ".concat(kind));
        }
        return event;
    }

    /** The options with {@code {{n}}} replaced by {@code n}, and a request id of its own for every repeat. */
    private static Map<String, String> numbered(Map<String, String> options, int n) {
        Map<String, String> copy = new LinkedHashMap<>();
        String number = Integer.toString(n);
        for (Map.Entry<String, String> option : options.entrySet()) {
            copy.put(option.getKey(), option.getValue().replace("{{n}}", number));
        }
        if (n > 0 && copy.containsKey("requestId")) {
            copy.put("requestId", copy.get("requestId").concat("-").concat(number));
        }
        return copy;
    }
}
