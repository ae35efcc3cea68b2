package com.ceki.tests.hostile;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a hostile client puts where the API expects a value: text that is not valid Unicode, control and invisible
 * characters, text far beyond every limit (and beyond DynamoDB's 400 KB item), numbers at and past the edges of
 * what DynamoDB, a long and a double can hold, the wrong JSON types, deep nesting, impossible dates and zones; and
 * for path ids, query strings, headers and whole bodies, what a URL or a JSON parser chokes on. The fixed values are
 * {@link Gen.Pool}s, which the first tries go through value by value ({@link HostileCases}); the generators are made
 * once (some hold big strings) and shared.
 */
final class HostileValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Text that is not valid Unicode: lone and reversed surrogates, alone and inside text. */
    static final Gen.Pool<String> BROKEN_TEXT = Gen.of(
            "\ud800", "\udc00", "ab\ud800cd", "ab\udc00cd", "\udc00\ud800", "\ud83d", "x\ud83d", "\ud83dx",
            "Fuzz\udbff", "\udfff Fuzz");

    /** Control and invisible characters, quotes and injections, empty text, lookalikes of numbers, long text. */
    static final Gen.Pool<String> ODD_TEXT = Gen.of(
            "\u0000", "a\u0000b", "\u0001\u001f\u007f", "\u202eevil", "\u200b", "\ufeff", "\uffff", "\ufffe",
            "e\u0301", "\ud83d\ude00", "\u05e9\u05dc\u05d5\u05dd", "", " ", "\t\r\n", "\\", "\"", "'",
            "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%s%n%x", "${jndi:ldap://x/a}",
            "null", "true", "1", "-1", "0x10", "1e400", "5e-324", "NaN", "x".repeat(256), "x".repeat(5_001));

    /** Lookalikes of zones, dates, times, emails, currencies and URLs. */
    static final Gen.Pool<String> LOOKALIKE_TEXT = Gen.of(
            "Mars/Olympus", "+03:00", "UTC\u0000", "Europe/Berlin ", "europe/berlin", "GMT+3", "Etc/GMT+14",
            "2026-02-30", "2026-02-30T10:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2026-04-20T09:00:00+25:00",
            "2026-04-20T24:00:00Z", "2026-13-01", "24:00", "23:60", "9:00", "09:00:00", "-01:00",
            "a@b", "a@b.c\ud800", "x@example.com\u0000", "x@-example.com", "@example.com", "USD\ud800", "usd",
            "XXX", "http://\ud800.com", "javascript:alert(1)", "http://", "ftp://example.com");

    /** Short hostile text: the three lists above, and any 12 UTF-16 units at all. */
    static final Gen<String> TEXT = Gen.frequency(
            Gen.weight(10, BROKEN_TEXT), Gen.weight(6, ODD_TEXT), Gen.weight(6, LOOKALIKE_TEXT),
            Gen.weight(4, Gen.anyText(12)));

    /** Text beyond every field limit, some of it beyond DynamoDB's 400 KB item in UTF-8 (sent rarely: it is slow). */
    static final Gen.Pool<String> LONG_TEXT = Gen.of(
            "x".repeat(100_001),
            "\u00e9".repeat(210_000),       // 420 KB as UTF-8, 210k chars
            "\u4e2d".repeat(140_000),       // 420 KB as UTF-8, 140k chars
            "\ud83d\ude00".repeat(105_000), // 420 KB as UTF-8
            "a".repeat(200_000) + "\ud800");

    /**
     * Numbers as JSON literals, written verbatim, by what they probe (picked alike): below and above DynamoDB's range,
     * more digits than it keeps, past int and long, a fraction or a sign where neither belongs, huge exponents.
     */
    static final List<Gen.Pool<String>> NUMBERS_BY_PROBE = List.of(
            Gen.of("5e-324", "4.9e-324", "1e-131", "1E-130", "-1e-131", "0.000000001"),
            Gen.of("1e400", "-1e400", "1e126", "-1e126", "9.99e125", "1e38"),
            Gen.of("123456789012345678901234567890123456789012", "0.12345678901234567890123456789012345678901",
                    "1" + "0".repeat(999), "0." + "1".repeat(200)),
            Gen.of("2147483648", "-2147483649", "4294967297", "4294967296", "9007199254740993",
                    "9223372036854775808", "18446744073709551617", "-9223372036854775809", "99999999999999999999"),
            Gen.of("1.5", "1.0", "1e2", "1E+2", "40.005", "40.123", "0.001"),
            Gen.of("-1", "-0", "-0.0", "0", "0.0", "1", "7", "2147483647", "9223372036854775807"),
            Gen.of("1e999999999", "-1e999999999", "1e-999999999", "1e+2147483647"));

    static final Gen<String> NUMBER = Gen.oneOf(NUMBERS_BY_PROBE);

    /** JSON of the wrong type (for any field), including containers of broken text. */
    static final Gen.Pool<JsonNode> WRONG_TYPE = Gen.of(List.of("true", "false", "null", "[]", "{}", "[1]", "[\"a\"]",
            "[null]", "{\"a\":1}", "[[]]", "[{}]", "{\"\":\"\"}", "{\"\\ud800\":1}", "[\"\\ud800\"]",
            "{\"a\":{\"b\":\"\\udc00\"}}", "[1,2,3,4,5,6,7,8]", "[-1]", "[4294967297]", "[5e-324]", "[1.5]", "[\"1\"]", "\"\"")
            .stream().map(HostileValues::parse).toList());

    /** Nested arrays and objects: deep (within the JSON parser's limit) and wide. */
    static final Gen.Pool<JsonNode> NESTED = Gen.of(List.of(
            "[".repeat(200) + "]".repeat(200),
            "{\"a\":".repeat(200) + "1" + "}".repeat(200),
            "[" + "{\"k\":\"v\"},".repeat(5_000) + "{}]").stream().map(HostileValues::parse).toList());

    /** Any hostile JSON value, for a place whose type does not matter (an added field, a whole body). */
    static final Gen<JsonNode> VALUE = Gen.frequency(
            Gen.weight(30, TEXT.map(NODES::textNode)),
            Gen.weight(25, NUMBER.map(HostileValues::rawNumber)),
            Gen.weight(15, WRONG_TYPE),
            Gen.weight(3, LONG_TEXT.map(NODES::textNode)),
            Gen.weight(2, NESTED));

    /** A whole body that is not what the route takes: wrong JSON, malformed JSON. */
    static final Gen.Pool<byte[]> MALFORMED_BODY = Gen.of(List.of(
            "", " ", "{", "}", "[", "{\"a\":}", "{'a':1}", "nul", "tru", "{\"a\":1}x", "{\"a\":1}{\"b\":2}",
            "\"\\ud800\"", "\"text\"", "1e400", "5e-324", "[1,]", "{\"a\":1,}", "/* c */{}", "NaN",
            "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":0x10}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\x41\"}", "{\"a\":\"\t\"}", "{\"a\":\"\\ud800\"}", "{\"\\udc00\":\"b\"}",
            "[".repeat(2_000) + "]".repeat(2_000), "{\"a\":" + "1".repeat(1_500) + "}",
            "\ufeff{}").stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());

    /** A whole body that is not UTF-8 (or not UTF-8 JSON) at all. */
    static final Gen.Pool<byte[]> NOT_UTF8_BODY = Gen.of(
            new byte[] {'{', '"', 'l', 'a', 'b', 'e', 'l', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'},
            new byte[] {'{', '"', 'l', 'a', 'b', 'e', 'l', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
            new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0},
            new byte[] {'{', '"', (byte) 0x80, '"', ':', '1', '}'});

    static final Gen<byte[]> RAW_BODY = Gen.frequency(Gen.weight(6, MALFORMED_BODY), Gen.weight(2, NOT_UTF8_BODY));

    /** Raw bytes to put inside a JSON string of a valid body: invalid UTF-8 (the API decodes it to U+FFFD). */
    static final Gen.Pool<byte[]> INVALID_UTF8 = Gen.of(new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
                    (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xFF});

    /** A path segment where an id belongs, as raw request-target text (percent escapes included as written). */
    static final Gen.Pool<String> PATH_ID = Gen.of("0", "-1", "9007199254740992", "9223372036854775808",
            "99999999999999999999", "abc", "%zz", "%", "%00", "%ED%A0%80", "%C3%28", "1%2F2", "1.5", "1e3", "+1", "%201",
            "%F0%9F%98%80", "x".repeat(5_000), "1".repeat(300), "..", "%2e%2e", ";", "1;x=y");

    /** A query-string value as raw text: broken escapes and bytes, numbers past every range. */
    static final Gen.Pool<String> QUERY_VALUE = Gen.of("%zz", "%", "%00", "%ED%A0%80", "%C3%28", "%F0%9F%98%80",
            "-1", "0", "99999999999999999999", "9223372036854775808", "1e3", "1.5", "abc", "", "x".repeat(3_000), "+",
            "%2B", "2026-13", "0000-00", "true%00", "\u00e9", "a%26b%3Dc");

    /** Query keys to set, besides a route's own: pagination, arrays, broken escapes. */
    static final List<String> QUERY_KEYS = List.of("page", "perPage", "perPage[]", "skills[]", "x", "%zz", "\u00e9", "a[b]");

    /** Keys of an added field: unknown ones, prototype pollution, ids and settings a client must not set. */
    static final Gen.Pool<String> ADDED_KEY = Gen.of("unknown", "__proto__", "constructor", "", "$where", "id",
            "user_id", "settings", "a".repeat(300));

    /** A value for the {@code Authorization} header that is no live credential. */
    static final Gen.Pool<String> GARBAGE_AUTHORIZATION = Gen.of("Bearer garbage", "Bearer ceki_" + "0".repeat(40),
            "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "Bearer " + "x".repeat(9_000),
            "Basic dXNlcjpwYXNz", "Bearer", "Bearer  ", "bearer ceki_x", "Bearer \u00ff\u00fe", "Bearer %00");

    /** An {@code Idempotency-Key} a client should not send. */
    static final Gen.Pool<String> IDEMPOTENCY_KEY = Gen.of("", " ", "x".repeat(300), "with space", "\u00ff", "%00");

    /** A {@code Content-Type} that is not the JSON the API reads. */
    static final Gen.Pool<String> CONTENT_TYPE = Gen.of("text/plain", "application/octet-stream",
            "application/json; charset=utf-16", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "");

    private HostileValues() {}

    /**
     * A hostile value in place of {@code original}, mostly of its own kind (a broken number where a number was, broken
     * text where text was), so every field's own rules are reached, and sometimes of another.
     */
    static Gen<JsonNode> replacing(JsonNode original, boolean isId) {
        if (isId || isNumeric(original)) {
            return Gen.frequency(Gen.weight(60, NUMBER.map(HostileValues::rawNumber)), Gen.weight(20, WRONG_TYPE),
                    Gen.weight(20, TEXT.map(NODES::textNode)));
        }
        if (original.isTextual()) {
            return Gen.frequency(Gen.weight(30, TEXT.map(NODES::textNode)),
                    Gen.weight(30, withSurrogate(original.asText()).map(NODES::textNode)),
                    Gen.weight(12, NUMBER.map(HostileValues::rawNumber)), Gen.weight(15, WRONG_TYPE),
                    Gen.weight(3, LONG_TEXT.map(NODES::textNode)), Gen.weight(2, NESTED));
        }
        return VALUE;
    }

    /** A number, or a decimal string such as {@code "40.00"} (prices are sent both ways). */
    static boolean isNumeric(JsonNode value) {
        return value.isNumber() || (value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?"));
    }

    /** The text with one unpaired surrogate in it: the realistic way broken text arrives. */
    static Gen<String> withSurrogate(String text) {
        return random -> {
            int at = random.nextInt(text.length() + 1);
            char surrogate = (char) random.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1);
            return text.substring(0, at) + surrogate + text.substring(at);
        };
    }

    static JsonNode text(String text) {
        return NODES.textNode(text);
    }

    static JsonNode rawNumber(String literal) {
        return new POJONode(new RawValue(literal));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
