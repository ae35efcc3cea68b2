package com.ceki.aws;

import com.amazonaws.services.lambda.runtime.Context;

/** One log line to CloudWatch through the Lambda logger, or to stderr when run without a Lambda context (tests). */
public final class LambdaLog {

    private LambdaLog() {}

    public static void line(Context context, String line) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line);
        } else {
            System.err.println(line);
        }
    }
}
