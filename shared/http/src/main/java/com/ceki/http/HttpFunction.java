package com.ceki.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.ceki.aws.Priming;
import com.ceki.aws.AwsFailures;
import com.ceki.core.errors.ValidationFailed;

/**
 * Base of every HTTP function's handler: route the event, map domain failures to their responses, turn a transient
 * AWS failure that outlasted the SDK's retries into a 503 with {@code Retry-After}, an item DynamoDB refused as too
 * large into a 422 (the validators bound each field and most wholes; this is the net under them), and anything else
 * unexpected into a 500 that leaks nothing (the cause is logged with the request id in every case).
 */
public abstract class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Router router;

    protected HttpFunction(Router router) {
        this.router = router;
        Priming.register("anonymous requests to every route", router::prime);
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        ApiResponse response;
        try {
            response = router.dispatch(request);
        } catch (RuntimeException | Error unexpected) {
            Log.error(context, request.requestId(), request.routeKey(), unexpected);
            if (AwsFailures.isTransient(unexpected)) {
                response = ErrorResponses.unavailable();
            } else if (AwsFailures.isItemTooLarge(unexpected)) {
                response = ErrorResponses.of(ValidationFailed.of("body",
                        "The request is too large to store: together its fields pass the 400 KB limit of one record."));
            } else {
                response = ErrorResponses.serverError();
            }
        }
        return response.toEvent();
    }

    public Router router() {
        return router;
    }
}
