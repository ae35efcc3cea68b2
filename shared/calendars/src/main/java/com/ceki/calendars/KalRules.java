package com.ceki.calendars;

import com.ceki.core.validation.Validator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation of kal input (the reference's "Calendars" operations). Only the shape of the request is checked here;
 * what needs the table (the files are the caller's, the linked kal is the caller's) is checked by {@link Kals}.
 */
public final class KalRules {

    /** Lower-case words of letters and digits joined by single hyphens: {@code my-work-2}. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    public static final int MAX_FILES = 20;

    /**
     * A create or update of a kal. On update a {@code null} field was not sent and stays as it is, except
     * {@code description} and {@code timezone}, which {@code clearDescription}/{@code clearTimezone} clear.
     */
    public record Input(String label, String description, boolean clearDescription, String slug, Boolean isPrivate,
                        String timezone, boolean clearTimezone, List<Long> files) {}

    /** An external calendar to link (upserted by its {@code id}). */
    public record ExternalInput(String id, String summary, String description, String timeZone, boolean from) {}

    /** Another kal of the caller to link. */
    public record LinkInput(long kalId, boolean from) {}

    private KalRules() {}

    /** {@code POST /api/kals}: label and private required. */
    public static Input create(JsonNode body) {
        return input(body, true);
    }

    /** {@code PUT /api/kals/{kal}}: label required; everything not sent is kept. */
    public static Input update(JsonNode body) {
        return input(body, false);
    }

    private static Input input(JsonNode body, boolean create) {
        Validator v = Validator.of(body);
        String label = v.string("label").required().max(255).value();
        var description = v.string("description").max(5000);
        String slug = v.string("slug").max(255).value();
        if (slug != null && !SLUG.matcher(slug).matches()) {
            v.fail("slug", "The slug field format is invalid.");
        }
        var isPrivate = v.bool("private");
        if (create) {
            isPrivate.required();
        }
        var timezone = v.string("timezone").max(64).timezone();
        List<Long> files = fileIds(v);
        v.check();
        return new Input(label, description.value(), description.present() && !description.filled(), slug,
                isPrivate.value(), timezone.value(), timezone.present() && !timezone.filled(), files);
    }

    /** {@code files}: an array of positive integer file ids (absent: not sent; null: none). */
    private static List<Long> fileIds(Validator v) {
        var field = v.integers("files").maxItems(MAX_FILES).min(1);
        if (field.present() && !field.filled()) {
            return List.of();
        }
        return field.value();
    }

    /** {@code POST /api/kals/{kal}/external}. */
    public static ExternalInput external(JsonNode body) {
        Validator v = Validator.of(body);
        String id = v.string("id").required().max(255).maxBytes(255).value(); // part of the item's sort key
        String summary = v.string("summary").required().max(255).value();
        String description = v.string("description").max(5000).value();
        String timeZone = v.string("timeZone").required().max(64).timezone().value();
        boolean from = v.bool("from").valueOr(false);
        v.check();
        return new ExternalInput(id, summary, description, timeZone, from);
    }

    /** {@code POST /api/kals/{kal}/links}. */
    public static LinkInput link(JsonNode body) {
        Validator v = Validator.of(body);
        Long kalId = v.integer("id").required().min(1).value();
        boolean from = v.bool("from").valueOr(false);
        v.check();
        return new LinkInput(kalId, from);
    }
}
