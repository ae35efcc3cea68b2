package com.ceki.core.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Configuration of a function. On Lambda every value is an environment variable set by {@code template.yaml}
 * (secrets resolved there from SSM Parameter Store / Secrets Manager). The local runner hosts every function in
 * one JVM, so it sets JVM system properties, which take precedence over the environment.
 */
public final class Config {

    private final Function<String, String> source;

    private Config(Function<String, String> source) {
        this.source = source;
    }

    /** System properties first, then environment variables. */
    public static Config fromEnvironment() {
        return new Config(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    public static Config of(Map<String, String> values) {
        return new Config(values::get);
    }

    public Optional<String> optional(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("Missing configuration: " + name));
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue) {
        return optional(name).map(v -> parse(name, v, Integer::valueOf)).orElse(defaultValue);
    }

    public long longValue(String name, long defaultValue) {
        return optional(name).map(v -> parse(name, v, Long::valueOf)).orElse(defaultValue);
    }

    public BigDecimal decimal(String name, String defaultValue) {
        return parse(name, string(name, defaultValue), BigDecimal::new);
    }

    public boolean bool(String name, boolean defaultValue) {
        return optional(name).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    private static <T> T parse(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Configuration " + name + " is not valid: " + value, e);
        }
    }
}
