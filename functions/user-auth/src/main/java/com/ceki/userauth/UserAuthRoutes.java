package com.ceki.userauth;

import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.core.validation.Validator;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.users.UserAuth;
import com.ceki.users.UserViews;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javax.inject.Inject;

/** The routes of people sign-up and sign-in, with the reference's field rules. */
public final class UserAuthRoutes {

    private final UserAuth auth;

    @Inject
    public UserAuthRoutes(UserAuth auth) {
        this.auth = auth;
    }

    public Router router() {
        return new Router()
                .route("POST /api/register", Access.PUBLIC, (request, caller) -> register(request))
                .route("POST /api/loginrequest", Access.PUBLIC, (request, caller) -> loginRequest(request))
                .route("POST /api/login", Access.PUBLIC, (request, caller) -> login(request))
                .route("POST /api/otp/verify", Access.PUBLIC, (request, caller) -> verify(request));
    }

    ApiResponse register(ApiRequest request) {
        Validator v = Validator.of(request.json());
        String email = v.string("email").required().max(100).email().value();
        String phone = v.string("phone").min(7).max(100).value();
        String name = v.string("name").min(2).max(100).value();
        String password = v.string("password").min(6).max(255).value();
        v.string("terms").required().in("1", "true", "yes", "on");
        String tovarisch = v.string("tovarisch").in("0", "1").value();
        v.string("schedule").max(255);
        for (String binary : new String[] {"ava", "docs"}) {
            if (v.present(binary)) {
                v.fail(binary, "Upload files with POST /api/files once signed in, then refer to them from your profile.");
            }
        }
        v.check();
        long countdown = auth.register(email, name, phone, password, "1".equals(tovarisch));
        return ApiResponse.created(Json.object().put("countdown", countdown));
    }

    ApiResponse loginRequest(ApiRequest request) {
        Validator v = Validator.of(request.json());
        String email = v.string("email").required().max(100).email().value();
        v.check();
        return ApiResponse.ok(Json.object().put("message", "OTP sent")
                .put("expires_at", Timestamps.record(auth.requestCode(email))));
    }

    ApiResponse login(ApiRequest request) {
        Validator v = Validator.of(request.json());
        String email = v.string("email").required().max(100).email().value();
        String password = v.string("password").required().min(6).max(255).value();
        v.check();
        return session(auth.login(email, password));
    }

    ApiResponse verify(ApiRequest request) {
        Validator v = Validator.of(request.json());
        String email = v.string("email").required().max(100).email().value();
        String otp = v.string("otp").required().size(6).digits().value();
        v.check();
        return session(auth.verify(email, otp));
    }

    private static ApiResponse session(UserAuth.Session session) {
        ObjectNode body = Json.object();
        body.set("user", UserViews.user(session.user()));
        body.put("token", session.token().token());
        body.put("token_expires_at", Timestamps.record(session.token().expiresAt()));
        return ApiResponse.ok(body);
    }
}
