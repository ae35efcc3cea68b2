package com.ceki.userfiles;

import com.ceki.core.auth.Principal;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.events.EventFiles;
import com.ceki.files.UserFiles;
import com.ceki.files.UserFiles.Kind;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code POST /api/files}. Each file is either sent in the request (a base64 string, or
 * {@code {"name", "content_type", "data"}}) or announced for a presigned upload ({@code {"name", "content_type",
 * "size"}}: the response carries an {@code upload_url}), which is how files larger than a request can carry
 * (videos up to 50 MB) are uploaded. Every input is checked before anything is stored.
 */
public final class UserFilesRoutes {

    private static final Map<String, Kind> SINGLE = Map.of("image", Kind.IMAGE, "video", Kind.VIDEO);
    private static final Map<String, Kind> LISTS = Map.of("images", Kind.IMAGE, "videos", Kind.VIDEO, "docs", Kind.DOC,
            "event", Kind.DOC);

    private final UserFiles files;
    private final EventFiles eventFiles;

    @Inject
    public UserFilesRoutes(UserFiles files, EventFiles eventFiles) {
        this.files = files;
        this.eventFiles = eventFiles;
    }

    public Router router() {
        return new Router().route("POST /api/files", Access.USER, this::upload);
    }

    /** One file of the request, validated. */
    private record Upload(Kind kind, String field, String name, String contentType, byte[] data, long size) {}

    ApiResponse upload(ApiRequest request, Principal caller) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            throw ValidationFailed.of("body", "The request body must be a JSON object.");
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String attach : List.of("job", "schedule")) {
            if (body.has(attach)) {
                errors.put(attach, List.of("Attaching files to a " + attach + " is not available yet."));
            }
        }
        List<Upload> uploads = new ArrayList<>();
        SINGLE.forEach((field, kind) -> {
            if (body.hasNonNull(field)) {
                read(kind, field, body.get(field), uploads, errors);
            }
        });
        LISTS.forEach((field, kind) -> {
            JsonNode list = body.get(field);
            if (list == null || list.isNull()) {
                return;
            }
            if (!list.isArray() || list.isEmpty()) {
                errors.put(field, List.of("The " + field + " field must be a non-empty array."));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                read(kind, field + "." + i, list.get(i), uploads, errors);
            }
        });
        Long eventId = eventId(body, errors);
        if (uploads.isEmpty() && errors.isEmpty()) {
            errors.put("body", List.of("Send at least one of image, images, video, videos, docs, event."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        int attaching = body.has("event") ? body.get("event").size() : 0;
        if (eventId != null) {
            eventFiles.requireAttachable(caller.id(), eventId, attaching);
        }
        ArrayNode out = Json.array();
        for (Upload u : uploads) {
            var created = u.data() != null
                    ? files.upload(caller.id(), u.kind(), u.field(), u.name(), u.data(), u.contentType())
                    : files.reserve(caller.id(), u.kind(), u.field(), u.name(), u.size(), u.contentType());
            out.add(view(created));
        }
        if (eventId != null) {
            List<Long> attached = new ArrayList<>();
            for (int i = 0; i < uploads.size(); i++) {
                if (uploads.get(i).field().startsWith("event.")) {
                    attached.add(out.get(i).path("id").asLong());
                }
            }
            eventFiles.attach(caller.id(), eventId, attached);
        }
        return ApiResponse.created(out);
    }

    /** {@code event_id}: which event the {@code event} files are attached to (required with them, refused without). */
    private static Long eventId(JsonNode body, Map<String, List<String>> errors) {
        JsonNode id = body.get("event_id");
        boolean files = body.hasNonNull("event");
        if (id == null || id.isNull()) {
            if (files) {
                errors.put("event_id", List.of("The event id field is required when event is present."));
            }
            return null;
        }
        if (!id.canConvertToLong() || !id.isIntegralNumber() || id.asLong() < 1) {
            errors.put("event_id", List.of("The event id field must be a positive integer."));
            return null;
        }
        if (!files) {
            errors.put("event", List.of("The event field is required when event id is present."));
            return null;
        }
        return id.asLong();
    }

    private static void read(Kind kind, String field, JsonNode node, List<Upload> uploads, Map<String, List<String>> errors) {
        String label = "The " + field.replace('_', ' ') + " field";
        String name = null;
        String contentType = kind == Kind.DOC ? "application/octet-stream" : kind.wire() + "/*";
        JsonNode data = node;
        Long size = null;
        if (node.isObject()) {
            name = node.path("name").isTextual() ? node.get("name").asText() : null;
            if (node.has("name") && (name == null || name.isBlank() || name.length() > 255)) {
                errors.put(field + ".name", List.of("The " + field + ".name field must be a file name of at most 255 characters."));
                return;
            }
            if (node.has("content_type")) {
                contentType = node.path("content_type").asText("");
            }
            data = node.get("data");
            if (data == null) {
                JsonNode sizeNode = node.path("size");
                // Read exactly: a size past a long is refused, not wrapped into a small one.
                if (!sizeNode.isIntegralNumber() || !sizeNode.canConvertToLong() || sizeNode.longValue() <= 0) {
                    errors.put(field, List.of(label + " needs either data (base64) or a positive size for a presigned upload."));
                    return;
                }
                size = sizeNode.longValue();
            }
        }
        if (!contentType.matches("[a-z]+/[a-z0-9.+*-]+") || (kind != Kind.DOC && !contentType.startsWith(kind.wire() + "/"))) {
            errors.put(field, List.of(label + " must be of type " + kind.wire() + "/*."));
            return;
        }
        if (size != null) {
            if (size > kind.maxBytes()) {
                errors.put(field, List.of(label + " must not be greater than " + kind.maxBytes() / 1024 + " kilobytes."));
                return;
            }
            uploads.add(new Upload(kind, field, name, contentType.endsWith("*") ? "application/octet-stream" : contentType, null, size));
            return;
        }
        if (data == null || !data.isTextual()) {
            errors.put(field, List.of(label + " must be a base64-encoded file."));
            return;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.asText());
        } catch (IllegalArgumentException e) {
            errors.put(field, List.of(label + " must be a base64-encoded file."));
            return;
        }
        if (bytes.length == 0 || bytes.length > kind.maxBytes()) {
            errors.put(field, List.of(bytes.length == 0 ? label + " must not be empty."
                    : label + " must not be greater than " + kind.maxBytes() / 1024 + " kilobytes."));
            return;
        }
        uploads.add(new Upload(kind, field, name, contentType.endsWith("*") ? "application/octet-stream" : contentType, bytes, bytes.length));
    }

    private static ObjectNode view(UserFiles.Created c) {
        var f = c.file();
        ObjectNode node = Json.object().put("id", f.id()).put("user_id", f.userId()).put("name", f.key()).put("disk", "s3")
                .put("original_name", f.originalName()).put("extension", f.extension()).put("size", Long.toString(f.size()))
                .put("kind", f.kind()).put("uploaded", f.uploaded());
        node.putArray("sizes");
        node.put("created_at", Timestamps.record(f.createdAt())).putNull("deleted_at");
        node.put("url", c.url().toString()).put("download", c.download().toString());
        if (c.upload() != null) {
            node.put("upload_url", c.upload().toString()).put("upload_method", "PUT");
        }
        return node;
    }
}
