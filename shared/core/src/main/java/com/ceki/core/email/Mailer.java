package com.ceki.core.email;

/** Sends email. Domain code depends on this; the SES implementation lives in the email module. */
public interface Mailer {

    void send(EmailMessage message);
}
