package com.ceki.core.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One or more fields failed validation: every failing field with all its messages, in input order. */
public final class ValidationFailed extends DomainException {

    private final Map<String, List<String>> errors;

    public ValidationFailed(Map<String, List<String>> errors) {
        super(summary(errors));
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public static ValidationFailed of(String field, String message) {
        return new ValidationFailed(Map.of(field, List.of(message)));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    /** Laravel's summary: the first message, then "(and N more error[s])" counting every other message. */
    private static String summary(Map<String, List<String>> errors) {
        int total = errors.values().stream().mapToInt(List::size).sum();
        String first = errors.values().stream().flatMap(List::stream).findFirst().orElse("The given data was invalid.");
        if (total <= 1) {
            return first;
        }
        int more = total - 1;
        return first + " (and " + more + " more error" + (more == 1 ? "" : "s") + ")";
    }
}
