package com.ceki.core.email;

/** An outgoing email with both a plain-text and an HTML body. */
public record EmailMessage(String to, String subject, String text, String html) {}
