package com.ceki.http;

import com.ceki.core.json.Json;
import com.ceki.core.paging.Page;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Laravel's full paginator ({@code LengthAwarePaginator} with {@code withQueryString()}): the page's items under
 * {@code data}, its position ({@code from}, {@code to}, {@code total}, {@code last_page}), and the URLs of the
 * other pages with the request's query string kept, including {@code links} with Laravel's window of page
 * numbers (every page up to 13; else the first 10 or the last 10, or the two first, seven around the current one
 * and the two last, with "..." between).
 */
public final class Paginator {

    private static final int ON_EACH_SIDE = 3;

    private Paginator() {}

    public static ObjectNode page(Page<?> page, ArrayNode data, ApiRequest request) {
        String path = request.url();
        Map<String, List<String>> query = request.query();
        long last = page.lastPage();
        long current = page.page();
        int count = data.size();
        ObjectNode body = Json.object();
        body.put("current_page", current);
        body.set("data", data);
        body.put("first_page_url", url(path, query, 1));
        if (count > 0) {
            body.put("from", (current - 1) * page.perPage() + 1);
        } else {
            body.putNull("from");
        }
        body.put("last_page", last);
        body.put("last_page_url", url(path, query, last));
        body.set("links", links(path, query, current, last));
        body.put("next_page_url", current < last ? url(path, query, current + 1) : null);
        body.put("path", path);
        body.put("per_page", page.perPage());
        body.put("prev_page_url", current > 1 ? url(path, query, current - 1) : null);
        if (count > 0) {
            body.put("to", (current - 1) * page.perPage() + count);
        } else {
            body.putNull("to");
        }
        body.put("total", page.total());
        return body;
    }

    private static ArrayNode links(String path, Map<String, List<String>> query, long current, long last) {
        ArrayNode links = Json.array();
        links.addObject().put("url", current > 1 ? url(path, query, current - 1) : null)
                .put("label", "&laquo; Previous").put("active", false);
        for (Long n : window(current, last)) {
            if (n == null) {
                links.addObject().putNull("url").put("label", "...").put("active", false);
            } else {
                links.addObject().put("url", url(path, query, n)).put("label", Long.toString(n)).put("active", n == current);
            }
        }
        links.addObject().put("url", current < last ? url(path, query, current + 1) : null)
                .put("label", "Next &raquo;").put("active", false);
        return links;
    }

    /** Laravel's {@code UrlWindow}: the page numbers shown, null where "..." stands. */
    static List<Long> window(long current, long last) {
        List<Long> pages = new ArrayList<>();
        if (last < ON_EACH_SIDE * 2 + 8) {
            range(pages, 1, last);
            return pages;
        }
        long window = ON_EACH_SIDE + 4;
        if (current <= window) {
            range(pages, 1, window + ON_EACH_SIDE);
            pages.add(null);
            range(pages, last - 1, last);
        } else if (current > last - window) {
            range(pages, 1, 2);
            pages.add(null);
            range(pages, last - (window + (ON_EACH_SIDE - 1)), last);
        } else {
            range(pages, 1, 2);
            pages.add(null);
            range(pages, current - ON_EACH_SIDE, current + ON_EACH_SIDE);
            pages.add(null);
            range(pages, last - 1, last);
        }
        return pages;
    }

    private static void range(List<Long> pages, long from, long to) {
        for (long n = from; n <= to; n++) {
            pages.add(n);
        }
    }

    /** {@code path?<the request's query, page replaced>}: Laravel keeps the other parameters in order. */
    static String url(String path, Map<String, List<String>> query, long page) {
        StringBuilder url = new StringBuilder(path).append('?');
        boolean pageWritten = false;
        for (var entry : query.entrySet()) {
            if (entry.getKey().equals("page")) {
                url.append("page=").append(page).append('&');
                pageWritten = true;
                continue;
            }
            for (String value : entry.getValue()) {
                url.append(encode(entry.getKey())).append('=').append(encode(value)).append('&');
            }
        }
        if (!pageWritten) {
            url.append("page=").append(page).append('&');
        }
        return url.substring(0, url.length() - 1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
