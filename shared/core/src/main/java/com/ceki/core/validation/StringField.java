package com.ceki.core.validation;

import com.ceki.core.time.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** A string field: type, length, email, URL, date-time and enum rules. */
public final class StringField extends Field<String, StringField> {

    // Pragmatic address check: one @, no spaces or control characters, a dotted domain with a 2+ letter TLD.
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}$");

    StringField(Validator validator, String name, JsonNode node) {
        super(validator, name, node);
        if (filled() && !node.isTextual()) {
            fail("The " + label() + " field must be a string.");
        }
    }

    public StringField max(int length) {
        if (ok() && node.asText().codePointCount(0, node.asText().length()) > length) {
            fail("The " + label() + " field must not be greater than " + length + " characters.");
        }
        return this;
    }

    /**
     * At most {@code bytes} bytes as UTF-8: for what goes into a DynamoDB key (a sort key holds 1,024 bytes), where
     * {@link #max} code points are not enough (255 of them can take 1,020 bytes).
     */
    public StringField maxBytes(int bytes) {
        if (ok() && node.asText().getBytes(StandardCharsets.UTF_8).length > bytes) {
            fail("The " + label() + " field must not be larger than " + bytes + " bytes of UTF-8.");
        }
        return this;
    }

    public StringField min(int length) {
        if (ok() && node.asText().codePointCount(0, node.asText().length()) < length) {
            fail("The " + label() + " field must be at least " + length + " characters.");
        }
        return this;
    }

    public StringField size(int length) {
        if (ok() && node.asText().length() != length) {
            fail("The " + label() + " field must be " + length + " characters.");
        }
        return this;
    }

    public StringField digits() {
        if (ok() && !node.asText().chars().allMatch(c -> c >= '0' && c <= '9')) {
            fail("The " + label() + " field must only contain digits.");
        }
        return this;
    }

    public StringField email() {
        if (ok()) {
            String text = node.asText();
            if (text.length() > 254 || !EMAIL.matcher(text).matches() || text.contains("..")) {
                fail("The " + label() + " field must be a valid email address.");
            }
        }
        return this;
    }

    /** An absolute http(s) URL with a host. */
    public StringField url() {
        if (ok()) {
            try {
                URI uri = new URI(node.asText());
                String scheme = uri.getScheme();
                if (uri.getHost() == null || scheme == null
                        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                    fail("The " + label() + " field must be a valid URL.");
                }
            } catch (URISyntaxException e) {
                fail("The " + label() + " field must be a valid URL.");
            }
        }
        return this;
    }

    /** An ISO-8601 date-time with an offset, such as {@code 2026-04-20T09:00:00Z}, in the years the API takes. */
    public StringField dateTime() {
        if (ok()) {
            try {
                if (!Timestamps.inRange(OffsetDateTime.parse(node.asText()).toInstant())) {
                    fail("The " + label() + " field must be a date " + Timestamps.RANGE + ".");
                }
            } catch (DateTimeParseException e) {
                fail("The " + label() + " field must be a valid date.");
            }
        }
        return this;
    }

    /** An IANA time zone name such as {@code Europe/Moscow} (or {@code UTC}); offsets like "+03:00" are not zones. */
    public StringField timezone() {
        if (ok() && !ZoneId.getAvailableZoneIds().contains(node.asText())) {
            fail("The " + label() + " field must be a valid timezone.");
        }
        return this;
    }

    /** A 24-hour wall-clock time {@code HH:MM}. */
    public StringField time() {
        if (ok() && !node.asText().matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            fail("The " + label() + " field must match the format H:i.");
        }
        return this;
    }

    public StringField in(String... allowed) {
        if (ok() && Arrays.stream(allowed).noneMatch(node.asText()::equals)) {
            fail("The selected " + label() + " is invalid.");
        }
        return this;
    }

    @Override
    public String value() {
        return ok() ? node.asText() : null;
    }
}
