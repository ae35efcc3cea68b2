package com.ceki.useraccount;

import com.ceki.core.auth.Principal;
import com.ceki.core.errors.NotFound;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.users.Passwords;
import com.ceki.users.UserRepository;
import com.ceki.users.UserViews;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/** The routes of a person's own profile. Every read and write is of the caller's own user item. */
public final class UserAccountRoutes {

    private static final String[] TEXT_FIELDS = {"birthtime", "birthcity", "city", "education", "about"};

    private final UserRepository users;
    private final Clock clock;

    @Inject
    public UserAccountRoutes(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    public Router router() {
        return new Router()
                .route("GET /api/user", Access.USER, (request, caller) -> get(caller))
                .route("PUT /api/user", Access.USER, this::update);
    }

    ApiResponse get(Principal caller) {
        return user(users.find(caller.id()).orElseThrow(() -> new NotFound("User not found.")));
    }

    ApiResponse update(ApiRequest request, Principal caller) {
        Validator v = Validator.of(request.json());
        Map<String, Object> changes = new LinkedHashMap<>();
        var name = v.string("name");
        if (name.present()) {
            changes.put("name", name.required().min(2).max(255).value());
        }
        put(changes, "timezone", v.string("timezone").max(64).timezone());
        put(changes, "birthdate", v.string("birthdate").dateTime());
        put(changes, "phone", v.string("phone").min(7).max(100));
        put(changes, "currency", v.string("currency").size(3));
        for (String field : TEXT_FIELDS) {
            put(changes, field, v.string(field).max(field.equals("about") ? 5000 : 255));
        }
        var password = v.string("password").min(6).max(255);
        var confirmation = v.string("password_confirmation").min(6).max(255);
        if (password.value() != null && !password.value().equals(confirmation.value())) {
            v.fail("password", "The password field confirmation does not match.");
        }
        v.check();
        if (password.value() != null) {
            changes.put("password_hash", Passwords.hash(password.value()));
        }
        if (changes.isEmpty()) {
            return get(caller);
        }
        return user(users.update(caller.id(), changes, clock.instant()));
    }

    private static void put(Map<String, Object> changes, String field, com.ceki.core.validation.StringField input) {
        if (input.present()) {
            changes.put(field, input.value());
        }
    }

    private static ApiResponse user(com.ceki.users.User user) {
        ObjectNode body = Json.object();
        body.set("user", UserViews.user(user));
        return ApiResponse.ok(body);
    }
}
