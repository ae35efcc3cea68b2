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

/**
 * The mail the functions sent through SES: aws-ses-v2-local's {@code GET /store}, or LocalStack's
 * {@code GET /_aws/ses}, read into one shape ({@code destination.to[]}, {@code body.text}, {@code body.html}).
 */
public final class Mailbox {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String url;
    private final boolean localStack;

    Mailbox(String url, boolean localStack) {
        this.url = url;
        this.localStack = localStack;
    }

    /** Every stored email addressed to {@code address}, oldest first. */
    public List<JsonNode> to(String address) {
        try {
            String body = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<JsonNode> mails = new ArrayList<>();
            for (JsonNode raw : Json.parse(body).path(localStack ? "messages" : "emails")) {
                JsonNode mail = localStack ? fromLocalStack(raw) : raw;
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

    private static JsonNode fromLocalStack(JsonNode m) {
        var mail = Json.object();
        mail.putObject("destination").set("to", m.path("Destination").path("ToAddresses"));
        mail.putObject("body").put("text", m.path("Body").path("text_part").asText())
                .put("html", m.path("Body").path("html_part").asText());
        mail.put("subject", m.path("Subject").asText());
        return mail;
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
