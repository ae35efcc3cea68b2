package com.ceki.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.ceki.aws.Priming;

/**
 * Base of every HTTP function's handler: route the event, map domain failures to their responses, and turn
 * anything unexpected into a 500 that leaks nothing (the cause is logged with the request id).
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
            response = ErrorResponses.serverError();
        }
        return response.toEvent();
    }

    public Router router() {
        return router;
    }
}
