package com.ceki.local.runner;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error Jetty answers itself, before or instead of the runner's handler (a malformed request line or percent
 * escape, a bad header, a head too large), as API Gateway answers its own: {@code {"message":"Bad Request"}} with
 * the status, as JSON, for every method, and never a page naming a Java class.
 */
final class JsonErrors extends ErrorHandler {

    /** Not only GET and POST: a PUT or DELETE refused gets its JSON too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = body(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        return ("{\"message\":\"" + (reason == null ? "Error" : reason) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
