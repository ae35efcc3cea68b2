package com.ceki.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static Validator of(String json) throws Exception {
        return Validator.of(Json.parse(json));
    }

    @Test
    void collectsEveryFailureWithLaravelMessages() throws Exception {
        Validator v = of("{\"name\": 3, \"email\": \"x\", \"count\": \"7a\", \"ok\": \"maybe\", \"tags\": [\"a\", 1]}");
        v.string("name").required().max(10);
        v.string("email").required().email();
        v.integer("count");
        v.bool("ok");
        v.strings("tags").itemMax(5);
        v.string("missing").required();
        ValidationFailed failure = assertThrows(ValidationFailed.class, v::check);
        assertEquals(Map.of(
                "name", List.of("The name field must be a string."),
                "email", List.of("The email field must be a valid email address."),
                "count", List.of("The count field must be an integer."),
                "ok", List.of("The ok field must be true or false."),
                "tags.1", List.of("The tags.1 field must be a string."),
                "missing", List.of("The missing field is required.")), failure.errors());
        assertEquals("The name field must be a string. (and 5 more errors)", failure.getMessage());
    }

    @Test
    void oneMoreErrorIsSingular() throws Exception {
        Validator v = of("{}");
        v.string("a").required();
        v.string("b").required();
        assertEquals("The a field is required. (and 1 more error)", assertThrows(ValidationFailed.class, v::check).getMessage());
    }

    @Test
    void distinguishesAbsentFromNull() throws Exception {
        Validator v = of("{\"cleared\": null}");
        assertTrue(v.string("cleared").present());
        assertFalse(v.string("cleared").filled());
        assertFalse(v.string("absent").present());
        assertNull(v.string("cleared").value());
        v.check();
    }

    @Test
    void countsCharactersNotUtf16Units() throws Exception {
        Validator v = of("{\"name\": \"" + "\uD83D\uDE00".repeat(5) + "\"}");
        assertEquals(5, v.string("name").max(5).value().codePointCount(0, 10));
        v.check();
    }

    @Test
    void integersAcceptDigitStringsButNotFractions() throws Exception {
        Validator v = of("{\"a\": \"42\", \"b\": 1.5, \"c\": 7}");
        assertEquals(42L, v.integer("a").value());
        v.integer("b");
        assertEquals(7L, v.integer("c").between(1, 10).value());
        assertEquals(List.of("The b field must be an integer."), assertThrows(ValidationFailed.class, v::check).errors().get("b"));
    }

    @Test
    void integerListsCheckEachItemUnderItsOwnPath() throws Exception {
        Validator v = of("{\"ok\": [3, 1], \"bad\": [1, \"2\", 0, 1.5], \"many\": [1, 2, 3], \"one\": 4}");
        assertEquals(List.of(3L, 1L), v.integers("ok").maxItems(2).min(1).value());
        assertNull(v.integers("bad").min(1).value());
        assertNull(v.integers("many").maxItems(2).min(1).value());
        assertNull(v.integers("one").min(1).value());
        assertNull(v.integers("absent").min(1).value());
        var errors = assertThrows(ValidationFailed.class, v::check).errors();
        assertEquals(Map.of("bad.1", List.of("The bad.1 field must be an integer."),
                "bad.2", List.of("The bad.2 field must be at least 1."),
                "bad.3", List.of("The bad.3 field must be an integer."),
                "many", List.of("The many field must not have more than 2 items."),
                "one", List.of("The one field must be an array.")), errors);
    }

    @Test
    void aNonObjectBodyIsOneErrorOnBody() throws Exception {
        Validator v = of("[1]");
        v.string("name").required();
        var errors = assertThrows(ValidationFailed.class, v::check).errors();
        assertEquals(List.of("The request body must be a JSON object."), errors.get("body"));
    }

    @Test
    void urlsMustBeAbsoluteHttp() throws Exception {
        Validator v = of("{\"a\": \"https://x.org/p?q=1\", \"b\": \"javascript:alert(1)\", \"c\": \"http://\"}");
        v.string("a").url();
        v.string("b").url();
        v.string("c").url();
        var errors = assertThrows(ValidationFailed.class, v::check).errors();
        assertEquals(2, errors.size());
        assertFalse(errors.containsKey("a"));
    }

    @Test
    void queryArraysUseBracketNames() {
        Validator v = Validator.ofQuery(Map.of("tags[]", List.of("a", "b"), "page", List.of("2")));
        assertEquals(List.of("a", "b"), v.strings("tags").value());
        assertEquals(2L, v.integer("page").value());
    }

    @Test
    void aQueryNameSentBothAsScalarAndArrayIsTheLaterOne() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("perPage", List.of("5"));
        params.put("perPage[]", List.of("x"));
        assertEquals(List.of("x"), Validator.ofQuery(params).strings("perPage").value());
        params = new LinkedHashMap<>();
        params.put("perPage[]", List.of("x"));
        params.put("perPage", List.of("5"));
        assertEquals(5L, Validator.ofQuery(params).integer("perPage").value());
    }

    @Test
    void integersAreReadExactlyAndRefusedWhenTheyDoNotFitALong() throws Exception {
        Validator v = of("{\"max\": 9223372036854775807, \"over\": 9223372036854775808, \"wraps\": 18446744073709551617,"
                + " \"text\": \"99999999999999999999999999999999\", \"days\": [1, 4294967297, 9223372036854775808, 7]}");
        assertEquals(Long.MAX_VALUE, v.integer("max").value());
        assertNull(v.integer("over").between(1, 10).value());
        assertNull(v.integer("wraps").min(1).value());
        assertNull(v.integer("text").value());
        assertNull(v.integers("days").between(0, 6).value());
        var errors = assertThrows(ValidationFailed.class, v::check).errors();
        String range = " field must be an integer between -9223372036854775808 and 9223372036854775807.";
        assertEquals(List.of("The over" + range), errors.get("over"));
        assertEquals(List.of("The wraps" + range), errors.get("wraps"));
        assertEquals(List.of("The text" + range), errors.get("text"));
        assertEquals(List.of("The days.1 field must be an integer between 0 and 6."), errors.get("days.1"), "not wrapped to 1");
        assertEquals(List.of("The days.2" + range), errors.get("days.2"));
        assertEquals(List.of("The days.3 field must be an integer between 0 and 6."), errors.get("days.3"));
        assertFalse(errors.containsKey("days.0"));
    }

    @Test
    void decimalsOutsideDynamoDbsNumbersAreRefusedWithoutFormattingThem() throws Exception {
        Validator v = of("{\"zero\": -0, \"tiny\": 1e-130, \"big\": 9.9999999999999999999999999999999999999e125,"
                + " \"under\": 5e-324, \"over\": 1e126, \"digits\": 123456789012345678901234567890123456789,"
                + " \"huge\": 1e999999999, \"small\": -1e-999999999, \"text\": \"123456789012345678901234567890.123456789\"}");
        assertEquals(0, v.decimal("zero").value().signum());
        assertEquals(new BigDecimal("1e-130"), v.decimal("tiny").value());
        assertEquals(38, v.decimal("big").value().precision());
        for (String field : List.of("under", "over", "digits", "huge", "small", "text")) {
            assertNull(v.decimal(field).min(BigDecimal.ZERO).value(), field);
        }
        var errors = assertThrows(ValidationFailed.class, v::check).errors();
        assertEquals(List.of("The under field must be zero or a number between 1E-130 and 1E+126 in size, with at most 38"
                + " significant digits."), errors.get("under"));
        assertEquals(6, errors.size(), errors::toString);
    }

    @Test
    void decimalPlacesAreCountedWithoutTrailingZerosAndNeverRounded() throws Exception {
        Validator v = of("{\"cents\": \"40.50\", \"zeros\": 40.500000, \"whole\": 1e3, \"more\": 40.005, \"btc\": 0.00000001}");
        assertEquals(new BigDecimal("40.50"), v.decimal("cents").places(2).value());
        assertEquals(0, new BigDecimal("40.5").compareTo(v.decimal("zeros").places(2).value()));
        assertEquals(0, new BigDecimal("1000").compareTo(v.decimal("whole").places(2).value()));
        assertNull(v.decimal("more").places(2).value());
        assertEquals(new BigDecimal("0.00000001"), v.decimal("btc").places(8).value());
        var errors = assertThrows(ValidationFailed.class, v::check).errors();
        assertEquals(Map.of("more", List.of("The more field must have at most 2 decimal places.")), errors);
    }

    @Test
    void whatIsStoredWholeIsBoundedInBytesOfUtf8NotChars() throws Exception {
        String cjk = "\u4e2d".repeat(400); // 400 chars, 1,200 bytes
        Validator v = of("{\"ascii\": [{\"a\": \"" + "x".repeat(400) + "\"}], \"cjk\": [{\"a\": \"" + cjk + "\"}]}");
        v.objects("ascii").maxKilobytes(1);
        assertNull(v.objects("cjk").maxKilobytes(1).value());
        assertEquals(Map.of("cjk", List.of("The cjk field must not be larger than 1 KB.")),
                assertThrows(ValidationFailed.class, v::check).errors());
    }

    /** Java parses years up to +999999999, which later arithmetic and formatting cannot hold: 0001..9999 only. */
    @Test
    void timesOutsideTheYears0001To9999AreRefusedNamingTheField() throws Exception {
        Validator query = Validator.ofQuery(Map.of("from", List.of("+999999999-12-31T00:00:00Z"), "to", List.of("0000-12-31"),
                "upper", List.of("9999-12-31"), "first", List.of("0001-01-01T00:00:00Z")));
        assertNull(query.timeBound("from", false));
        assertNull(query.timeBound("to", true));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), query.timeBound("upper", true), "the last day is taken whole");
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), query.timeBound("first", false));
        assertEquals(Map.of("from", List.of("The from field must be a date between 0001-01-01 and 9999-12-31 (UTC)."),
                "to", List.of("The to field must be a date between 0001-01-01 and 9999-12-31 (UTC).")),
                assertThrows(ValidationFailed.class, query::check).errors());

        Validator body = of("{\"date\": \"+999999999-12-31T23:59:59Z\", \"late\": \"9999-12-31T23:00:00-05:00\","
                + " \"ok\": \"9999-12-31T23:59:59Z\"}");
        assertNull(body.string("date").dateTime().value());
        assertNull(body.string("late").dateTime().value(), "year 10000 in UTC");
        assertEquals("9999-12-31T23:59:59Z", body.string("ok").dateTime().value());
        assertEquals(List.of("date", "late"), List.copyOf(assertThrows(ValidationFailed.class, body::check).errors().keySet()));
    }

    @Test
    void keysAreBoundedInBytesOfUtf8() throws Exception {
        Validator v = of("{\"ascii\": \"" + "x".repeat(1000) + "\", \"emoji\": \"" + "\uD83D\uDE00".repeat(251) + "\"}");
        assertEquals(1000, v.string("ascii").max(1000).maxBytes(1000).value().length());
        assertNull(v.string("emoji").max(255).maxBytes(1000).value(), "251 code points, 1,004 bytes");
        assertEquals(Map.of("emoji", List.of("The emoji field must not be larger than 1000 bytes of UTF-8.")),
                assertThrows(ValidationFailed.class, v::check).errors());
    }
}
