package com.ceki.http;

import com.ceki.core.errors.NotFound;
import java.util.HashMap;
import java.util.Map;

/**
 * Dispatches on API Gateway's {@code routeKey} ("GET /api/agent/agents/{id}"): the gateway has already matched
 * the path against the routes in {@code template.yaml}, so a function never parses paths itself.
 */
public final class Router {

    private record Entry(Access access, Route route) {}

    private final Map<String, Entry> routes = new HashMap<>();

    public Router route(String routeKey, Access access, Route route) {
        if (routes.putIfAbsent(routeKey, new Entry(access, route)) != null) {
            throw new IllegalArgumentException("Route declared twice: " + routeKey);
        }
        return this;
    }

    public ApiResponse dispatch(ApiRequest request) {
        Entry entry = routes.get(request.routeKey());
        if (entry == null) {
            throw new NotFound("Not found.");
        }
        return entry.route().handle(request, entry.access().check(request.principal()));
    }

    public java.util.Set<String> routeKeys() {
        return java.util.Set.copyOf(routes.keySet());
    }
}
