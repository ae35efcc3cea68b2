package com.ceki.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.ceki.aws.LambdaLog;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Error logging of unexpected failures, with the request they broke. */
final class Log {

    private Log() {}

    static void error(Context context, String requestId, String routeKey, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        LambdaLog.line(context, "ERROR request_id=" + requestId + " route=\"" + routeKey + "\" " + trace);
    }
}
