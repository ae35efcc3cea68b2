package com.ceki.meteringfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.ceki.metering.OutboxUsageMeter;
import java.time.Duration;
import java.util.Map;

/**
 * Runs on a schedule and queues the usage events that were stored but never queued (SQS refused the send, or the
 * call's function stopped after its commit). Only events older than {@code USAGE_SWEEP_AFTER_SECONDS} are taken:
 * longer than any call runs, so a younger one is still being queued by its call, or may yet be refunded.
 */
public final class UsageSweepHandler implements RequestHandler<Map<String, Object>, String> {

    private static final int MAX_PER_RUN = 500;

    private final OutboxUsageMeter meter;
    private final Duration after;

    public UsageSweepHandler() {
        MeteringComponent component = DaggerMeteringComponent.create();
        this.meter = component.meter();
        this.after = Duration.ofSeconds(component.config().longValue("USAGE_SWEEP_AFTER_SECONDS", 120));
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "queued " + meter.sweep(after, MAX_PER_RUN);
    }
}
