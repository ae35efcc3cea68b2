package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Api;
import com.ceki.tests.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code POST /api/files} against the S3 emulator: inline and presigned uploads, limits, who may upload. */
class UserFilesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Api api = TestServer.api();

    @Test
    void storesAnImageSentInlineAndServesItThroughPresignedUrls() throws Exception {
        String token = signUp("files");
        byte[] png = bytes(20_000);
        Api.Response created = api.post("/api/files", Map.of("image", Map.of("name", "avatar.png", "content_type", "image/png",
                "data", Base64.getEncoder().encodeToString(png))), token);
        assertEquals(201, created.status(), created::toString);
        JsonNode file = created.body().get(0);
        assertEquals("avatar.png", file.path("original_name").asText());
        assertEquals("png", file.path("extension").asText());
        assertEquals("20000", file.path("size").asText());
        assertEquals("s3", file.path("disk").asText());
        assertTrue(file.path("name").asText().startsWith("users/"), "stored under the owner");
        assertArrayEquals(png, get(file.path("url").asText()), "url serves the bytes");
        assertArrayEquals(png, get(file.path("download").asText()), "download serves the bytes");
        // The URL is signed for this object only: pointed at another key (another user's) it serves nothing
        // (S3 answers 403; the emulator may answer 404 first, as the key does not exist).
        String tampered = file.path("url").asText().replace("/users/" + file.path("user_id").asLong() + "/",
                "/users/" + (file.path("user_id").asLong() + 1) + "/");
        HttpResponse<byte[]> refused = HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(refused.statusCode() == 403 || refused.statusCode() == 404, "status " + refused.statusCode());
    }

    @Test
    void aLargeVideoGoesThroughAPresignedUpload() throws Exception {
        String token = signUp("video");
        byte[] video = bytes(300_000);
        Api.Response reserved = api.post("/api/files", Map.of("video", Map.of("name", "talk.mp4", "content_type", "video/mp4",
                "size", video.length)), token);
        assertEquals(201, reserved.status(), reserved::toString);
        JsonNode file = reserved.body().get(0);
        assertEquals(false, file.path("uploaded").asBoolean());
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(file.path("upload_url").asText()))
                .header("Content-Type", "video/mp4").PUT(HttpRequest.BodyPublishers.ofByteArray(video)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        assertArrayEquals(video, get(file.path("url").asText()));
    }

    @Test
    void limitsAndShapesAreValidatedAndNothingIsStored() {
        String token = signUp("limits");
        String huge = Base64.getEncoder().encodeToString(new byte[5 * 1024 * 1024 + 1]);
        List<Map<String, Object>> bad = List.of(
                Map.of("image", huge),
                Map.of("image", "not base64 !!"),
                Map.of("image", Map.of("content_type", "application/pdf", "data", "AAAA")),
                Map.of("video", Map.of("content_type", "video/mp4", "size", 50L * 1024 * 1024 + 1)),
                Map.of("video", Map.of("content_type", "video/mp4")),
                Map.of("images", List.of()),
                Map.of("docs", "x"),
                Map.of("job", List.of("1")),
                Map.of());
        for (Map<String, Object> body : bad) {
            Api.Response response = api.post("/api/files", body, token);
            assertEquals(422, response.status(), body.keySet() + " -> " + response);
        }
        Api.Response mixed = api.post("/api/files", Map.of("image", Base64.getEncoder().encodeToString(bytes(10)), "video", "%%%"), token);
        assertEquals(422, mixed.status(), "one bad file refuses the whole request");
        long userId = api.get("/api/user", token).body().path("user").path("id").asLong();
        var stored = TestServer.dynamo().query(q -> q.tableName(TestServer.table().name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :f)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.user(userId)), ":f", Item.attr("FILE#")))).items();
        assertEquals(0, stored.size(), "no file record after a refused request");
    }

    @Test
    void theProfileRefersToOwnUploadedFilesOnly() {
        String token = signUp("avatar");
        String other = signUp("not-mine");
        long mine = api.post("/api/files", Map.of("image", Base64.getEncoder().encodeToString(bytes(100))), token).body().get(0).path("id").asLong();
        long theirs = api.post("/api/files", Map.of("image", Base64.getEncoder().encodeToString(bytes(100))), other).body().get(0).path("id").asLong();
        Map<String, Object> profile = new HashMap<>();
        profile.put("ava_id", mine);
        profile.put("skills", List.of(Map.of("label", "Java", "value", 5)));
        profile.put("sallary", Map.of("month", 5000, "hour", 40, "currency", "USD",
                "paymentMethod", List.of(Map.of("label", "Bank", "value", "IBAN"))));
        Api.Response updated = api.send("PUT", "/api/user", profile, token);
        assertEquals(200, updated.status(), updated::toString);
        assertEquals(mine, updated.body().path("user").path("ava_id").asLong());
        assertEquals("Java", updated.body().path("user").path("skills").get(0).path("label").asText());
        assertEquals(40, updated.body().path("user").path("sallary").path("hour").asInt());

        Api.Response stolen = api.send("PUT", "/api/user", Map.of("ava_id", theirs), token);
        assertEquals(422, stolen.status(), "another user's file is not yours to use");
        assertEquals("The selected ava id is invalid.", stolen.body().path("errors").path("ava_id").get(0).asText());
        assertEquals(422, api.send("PUT", "/api/user", Map.of("ava", "AAAA"), token).status());
        assertEquals(422, api.send("PUT", "/api/user", Map.of("sallary", Map.of("tip", 1)), token).status());
        assertEquals(422, api.send("PUT", "/api/user", Map.of("skills", List.of(Map.of("value", 1))), token).status());
        assertEquals(mine, api.get("/api/user", token).body().path("user").path("ava_id").asLong(), "refused changes wrote nothing");
    }

    @Test
    void onlyPeopleUploadFiles() {
        var agent = Agents.register("files-agent");
        assertEquals(403, api.post("/api/files", Map.of("image", "AAAA"), agent.apiKey()).status());
        assertEquals(401, api.post("/api/files", Map.of("image", "AAAA")).status());
    }

    private static byte[] get(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private String signUp(String label) {
        String email = Agents.uniqueEmail(label);
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "name", "Uploader", "terms", "1"));
        assertEquals(201, api.post("/api/register", body).status());
        return api.post("/api/otp/verify", Map.of("email", email, "otp", TestServer.mailbox().latestCode(email))).text("token");
    }
}
