package com.ceki.http;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Error logging to CloudWatch (the Lambda logger) or stderr when run without a Lambda context. */
final class Log {

    private Log() {}

    static void error(Context context, String requestId, String routeKey, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String line = "ERROR request_id=" + requestId + " route=\"" + routeKey + "\" " + trace;
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line);
        } else {
            System.err.println(line);
        }
    }
}
