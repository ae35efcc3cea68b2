package com.ceki.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** How text becomes search tokens: lower-cased runs of letters and digits (any script). */
final class Tokens {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Tokens longer than this are cut: nobody types them, and they would only bloat the token map. */
    static final int MAX_TOKEN = 40;

    private Tokens() {}

    /** The distinct tokens of a text, in order of first appearance (none for null or blank). */
    static List<String> of(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (String part : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            if (!part.isEmpty()) {
                tokens.add(part.length() > MAX_TOKEN ? part.substring(0, MAX_TOKEN) : part);
            }
        }
        return new ArrayList<>(tokens);
    }

    static void addAll(Set<String> into, String text) {
        into.addAll(of(text));
    }
}
