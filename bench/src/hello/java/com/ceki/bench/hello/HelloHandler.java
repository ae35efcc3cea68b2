package com.ceki.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The cold-start floor: the least a Java Lambda function can be. Deployed alone in a jar with aws-lambda-java-core
 * and started exactly like the real functions, it measures what a fresh JVM costs before any code of ours runs.
 */
public final class HelloHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "hello";
    }
}
