package com.ceki.tests.support;

import com.ceki.core.ids.IdGenerator;
import com.ceki.core.time.Clocks;
import com.ceki.webhooks.WebhookOutbox;

/** The production webhook outbox on the local webhook queue, for tests that build Billing or DepositCredits by hand. */
public final class Webhooks {

    private Webhooks() {}

    public static WebhookOutbox outbox() {
        var queues = TestServer.get().queues();
        return new WebhookOutbox(TestServer.table(), queues::client, queues.urls().get("WebhookQueue"),
                new IdGenerator(Clocks.adjustable()), Clocks.adjustable());
    }
}
