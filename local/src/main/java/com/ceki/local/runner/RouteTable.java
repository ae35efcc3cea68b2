package com.ceki.local.runner;

import com.ceki.local.template.SamTemplate.FunctionDef;
import com.ceki.local.template.SamTemplate.HttpRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP API route matching: a request goes to the most specific route whose path matches (literal segments beat
 * {@code {param}}, which beats a greedy {@code {proxy+}}), as API Gateway chooses.
 */
final class RouteTable {

    record Target(FunctionDef function, HttpRoute route) {}

    record Match(Target target, Map<String, String> pathParameters) {}

    private record Entry(Target target, String[] segments) {}

    private final List<Entry> entries = new ArrayList<>();

    RouteTable(List<FunctionDef> functions) {
        for (FunctionDef function : functions) {
            for (HttpRoute route : function.routes()) {
                entries.add(new Entry(new Target(function, route), split(route.path())));
            }
        }
        entries.sort(Comparator.comparingInt((Entry e) -> -literalCount(e.segments))
                .thenComparingInt(e -> greedy(e.segments) ? 1 : 0));
    }

    int size() {
        return entries.size();
    }

    /** The route for a request, or empty (404); {@code methodAllowed} is false when only the method differs. */
    Optional<Match> match(String method, String path) {
        String[] actual = split(path);
        for (Entry entry : entries) {
            String routeMethod = entry.target.route().method();
            if (!routeMethod.equals(method) && !routeMethod.equals("ANY")) {
                continue;
            }
            Map<String, String> params = bind(entry.segments, actual);
            if (params != null) {
                return Optional.of(new Match(entry.target, params));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> bind(String[] pattern, String[] actual) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 2), String.join("/", Arrays.copyOfRange(actual, i, actual.length)));
                return params;
            }
            if (i >= actual.length) {
                return null;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), decode(actual[i]));
            } else if (!p.equals(actual[i])) {
                return null;
            }
        }
        return pattern.length == actual.length ? params : null;
    }

    /** Percent escapes decoded, as API Gateway does for path parameters ({@code +} stays a plus); junk stays as sent. */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static int literalCount(String[] segments) {
        int n = 0;
        for (String s : segments) {
            if (!s.startsWith("{")) {
                n++;
            }
        }
        return n;
    }

    private static boolean greedy(String[] segments) {
        return segments.length > 0 && segments[segments.length - 1].endsWith("+}");
    }
}
