package com.ceki.local.runner;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.ceki.local.template.SamTemplate.FunctionDef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The function instances of the local runner: each handler class named in the template, constructed on its
 * first invocation (its cold start) with its public no-argument constructor, as the Lambda runtime does, and
 * reused afterwards. Handlers are thread-safe, so one instance serves concurrent requests here.
 */
final class Functions {

    private final Map<String, RequestHandler<Object, Object>> instances = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    RequestHandler<Object, Object> handler(FunctionDef function) {
        return instances.computeIfAbsent(function.logicalId(), id -> {
            try {
                Class<?> type = Class.forName(function.handlerClass());
                return (RequestHandler<Object, Object>) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot construct handler " + function.handlerClass() + " of " + id, e);
            }
        });
    }
}
