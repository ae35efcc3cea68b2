package com.ceki.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.ceki.core.auth.Principal;
import com.ceki.core.errors.DomainException;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.idempotency.IdempotencyStore;
import com.ceki.core.usage.UsageEvent;
import com.ceki.core.usage.UsageMeter;
import com.ceki.core.time.Months;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Dispatches on API Gateway's {@code routeKey} ("GET /api/agent/agents/{id}"): the gateway has already matched
 * the path against the routes in {@code template.yaml}, so a function never parses paths itself. Around each
 * route it enforces the route's {@link Access}, maps domain failures to responses, meters successful agent calls
 * and, on billable POSTs, honours the {@code Idempotency-Key} header. A billable call's dry run
 * ({@code ?dry_run=true}) is neither metered nor remembered under its key: nothing was done.
 */
public final class Router {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on a response replayed for a repeated Idempotency-Key (such a call is neither charged nor metered). */
    public static final String REPLAYED = "Idempotent-Replayed";

    private record Entry(Access access, String usageType, boolean idempotent, boolean billed, Route route) {}

    private final Map<String, Entry> routes = new HashMap<>();
    private final UsageMeter meter;
    private final IdempotencyStore idempotency;
    private final Clock clock;

    /** A router that meters nothing and supports no idempotency keys (public functions). */
    public Router() {
        this(UsageMeter.NONE, null, Clock.systemUTC());
    }

    public Router(UsageMeter meter, IdempotencyStore idempotency, Clock clock) {
        this.meter = meter;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** A route that is not metered (public routes, registration). */
    public Router route(String routeKey, Access access, Route route) {
        return add(routeKey, new Entry(access, null, false, false, route));
    }

    /** An agent route: each successful call is one usage event of {@code usageType}. */
    public Router metered(String routeKey, Access access, String usageType, Route route) {
        return add(routeKey, new Entry(access, usageType, false, false, route));
    }

    /**
     * A billable route: metered, quoted rather than done by {@code ?dry_run=true} and, when it is a POST, replayed
     * rather than redone for a repeated {@code Idempotency-Key}.
     */
    public Router billed(String routeKey, Access access, String usageType, Route route) {
        boolean post = routeKey.startsWith("POST ");
        if (post && idempotency == null) {
            throw new IllegalStateException("A billed POST needs an IdempotencyStore");
        }
        return add(routeKey, new Entry(access, usageType, post, true, route));
    }

    /**
     * A POST that creates something or moves money for a person: replayed rather than redone for a repeated
     * {@code Idempotency-Key}, as billed agent routes are, and not metered.
     */
    public Router idempotent(String routeKey, Access access, Route route) {
        if (idempotency == null) {
            throw new IllegalStateException("An idempotent route needs an IdempotencyStore");
        }
        return add(routeKey, new Entry(access, null, true, false, route));
    }

    private Router add(String routeKey, Entry entry) {
        if (routes.putIfAbsent(routeKey, entry) != null) {
            throw new IllegalArgumentException("Route declared twice: " + routeKey);
        }
        return this;
    }

    public Set<String> routeKeys() {
        return Set.copyOf(routes.keySet());
    }

    /**
     * The snapshot's warm-up (SnapStart priming), which must write nothing and make nothing random:
     * <ul>
     *   <li>an anonymous request without a body to every route that needs a caller (refused with 401 before any work)
     *       and to every public {@code GET} without path parameters (a read);</li>
     *   <li>an empty JSON object to every other public route without path parameters (registration, sign-in, MCP):
     *       it names no one, so it is refused (422) after the body is parsed and validated;</li>
     *   <li>every unbilled {@code GET} without path parameters that needs a caller, run as {@link #NOBODY} (a caller
     *       no id is ever given, so its reads find nothing) straight through the route, past access and metering, and
     *       rendered: the route's reads, its views and the response's JSON are loaded before the snapshot.</li>
     * </ul>
     */
    public void prime() {
        routes.forEach((routeKey, entry) -> {
            boolean read = routeKey.startsWith("GET ") && !routeKey.contains("{");
            if (entry.access() != Access.PUBLIC || read) {
                dispatch(primingRequest(routeKey, null)).toEvent();
            } else if (!routeKey.contains("{")) {
                dispatch(primingRequest(routeKey, "{}")).toEvent();
            }
            if (read && entry.access() != Access.PUBLIC && !entry.billed()) {
                Principal nobody = new Principal(entry.access() == Access.USER ? Principal.Kind.USER : Principal.Kind.AGENT,
                        NOBODY, "active", true);
                run(entry, primingRequest(routeKey, null), nobody).toEvent();
            }
        });
    }

    /** The caller of the priming reads: ids are time-based and never 0, so nothing is stored under this one. */
    static final long NOBODY = 0;

    private static ApiRequest primingRequest(String routeKey, String jsonBody) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(routeKey.substring(routeKey.indexOf(' ') + 1));
        event.setHeaders(jsonBody == null ? Map.of() : Map.of("content-type", "application/json"));
        event.setBody(jsonBody);
        return new ApiRequest(event);
    }

    public ApiResponse dispatch(ApiRequest request) {
        Entry entry = routes.get(request.routeKey());
        if (entry == null) {
            return ErrorResponses.of(new NotFound("Not found."));
        }
        try {
            Principal caller = entry.access().check(request.principal());
            boolean dryRun = entry.billed() && request.dryRun();
            String key = entry.idempotent() && !dryRun ? request.header(IDEMPOTENCY_KEY).orElse(null) : null;
            ApiResponse response = key == null ? run(entry, request, caller) : runOnce(entry, request, caller, key);
            boolean replayed = response.headers().containsKey(REPLAYED);
            if (entry.usageType() != null && caller != null && caller.isAgent() && response.isSuccess() && !replayed
                    && !dryRun) {
                meter.record(new UsageEvent(entry.usageType(), caller.id(),
                        Months.current(clock).toString(), response.chargedUsd(),
                        request.requestId(), clock.millis()));
            }
            return response;
        } catch (DomainException failure) {
            return ErrorResponses.of(failure);
        }
    }

    private static ApiResponse run(Entry entry, ApiRequest request, Principal caller) {
        try {
            return entry.route().handle(request, caller);
        } catch (DomainException failure) {
            return ErrorResponses.of(failure);
        }
    }

    /**
     * Does the work once per key and body: a replay returns the stored response (not metered, not charged). Only
     * successes are kept; after a 4xx or 5xx the key is free again, as nothing was done or charged.
     */
    private ApiResponse runOnce(Entry entry, ApiRequest request, Principal caller, String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ValidationFailed.of(IDEMPOTENCY_KEY,
                    "The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
        }
        return OncePerKey.run(idempotency, caller, key, OncePerKey.fingerprint(request), IDEMPOTENCY_KEY, false,
                () -> run(entry, request, caller));
    }
}
