package com.ceki.tests.support;

import com.ceki.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mail the functions sent through SES, as aws-ses-v2-local stored it ({@code GET /store}). */
public final class Mailbox {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String url;

    Mailbox(String url) {
        this.url = url;
    }

    /** Every stored email addressed to {@code address}, oldest first. */
    public List<JsonNode> to(String address) {
        try {
            String body = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/store")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<JsonNode> mails = new ArrayList<>();
            for (JsonNode mail : Json.parse(body).path("emails")) {
                for (JsonNode to : mail.path("destination").path("to")) {
                    if (to.asText().equalsIgnoreCase(address)) {
                        mails.add(mail);
                    }
                }
            }
            return mails;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the SES store at " + url, e);
        }
    }

    /** The 6-digit code of the newest email to {@code address}. */
    public String latestCode(String address) {
        List<JsonNode> mails = to(address);
        if (mails.isEmpty()) {
            throw new AssertionError("No email was sent to " + address);
        }
        Matcher m = CODE.matcher(mails.get(mails.size() - 1).path("body").path("text").asText());
        if (!m.find()) {
            throw new AssertionError("No 6-digit code in the email to " + address);
        }
        return m.group(1);
    }
}
