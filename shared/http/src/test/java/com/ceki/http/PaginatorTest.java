package com.ceki.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Laravel's window of page links (UrlWindow with onEachSide 3) and its URLs with the query string kept. */
class PaginatorTest {

    private static List<Long> pages(Long... pages) {
        return new ArrayList<>(Arrays.asList(pages));
    }

    @Test
    void thePageWindowIsLaravels() {
        assertEquals(pages(1L), Paginator.window(1, 1));
        assertEquals(pages(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L), Paginator.window(7, 13), "up to 13: all");
        assertEquals(pages(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, null, 19L, 20L), Paginator.window(7, 20));
        assertEquals(pages(1L, 2L, null, 5L, 6L, 7L, 8L, 9L, 10L, 11L, null, 19L, 20L), Paginator.window(8, 20));
        assertEquals(pages(1L, 2L, null, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), Paginator.window(14, 20));
    }

    @Test
    void urlsKeepTheQueryAndReplaceThePage() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("type_id", List.of("2"));
        query.put("page", List.of("3"));
        query.put("nn[]", List.of("amount", "label"));
        assertEquals("https://api/x?type_id=2&page=4&nn%5B%5D=amount&nn%5B%5D=label", Paginator.url("https://api/x", query, 4));
        assertEquals("https://api/x?q=a+b&page=1", Paginator.url("https://api/x", Map.of("q", List.of("a b")), 1));
    }
}
