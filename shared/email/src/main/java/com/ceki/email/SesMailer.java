package com.ceki.email;

import com.ceki.aws.AwsSettings;
import com.ceki.aws.Priming;
import com.ceki.core.config.Config;
import com.ceki.core.email.EmailMessage;
import com.ceki.core.email.Mailer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.Destination;
import software.amazon.awssdk.services.ses.model.Message;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * Sends through SES (aws-ses-v2-local when {@code SES_ENDPOINT} is set) from {@code MAIL_FROM}. The classic SES
 * API is used rather than SES v2: it sends the same mail and its client is 1.4 MB smaller, which keeps the
 * registration function's artifact under its size budget.
 */
public final class SesMailer implements Mailer {

    private final SesClient client;
    private final String from;

    public SesMailer(SesClient client, String from) {
        this.client = client;
        this.from = from;
    }

    public static SesMailer fromConfig(Config config, AwsSettings aws) {
        SesClient client = aws.configure(SesClient.builder(), "SES_ENDPOINT").build();
        String from = config.string("MAIL_FROM", "no-reply@ceki.local");
        // Before a snapshot: one SendEmail that SES refuses (no recipient and no body, which the API requires), so
        // the client's query protocol, signing and error path are loaded and nothing is sent.
        Priming.register("SES SendEmail refused (no recipient, no body)", () -> {
            try {
                client.sendEmail(r -> r.source(from).message(m -> m.subject(utf8("priming"))));
                throw new IllegalStateException("SES accepted a message without a body: priming must send nothing");
            } catch (SdkException refused) {
                // as it must be
            }
        });
        return new SesMailer(client, from);
    }

    @Override
    public void send(EmailMessage message) {
        client.sendEmail(SendEmailRequest.builder()
                .source(from)
                .destination(Destination.builder().toAddresses(message.to()).build())
                .message(Message.builder()
                        .subject(utf8(message.subject()))
                        .body(Body.builder().text(utf8(message.text())).html(utf8(message.html())).build())
                        .build())
                .build());
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
