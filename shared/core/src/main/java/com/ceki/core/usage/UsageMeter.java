package com.ceki.core.usage;

/** Records metered calls; the SQS implementation lives in the metering module. */
public interface UsageMeter {

    void record(UsageEvent event);

    /** For functions that meter nothing. */
    UsageMeter NONE = event -> { };
}
