package com.ceki.useraccount;

import com.ceki.core.auth.Principal;
import com.ceki.core.errors.NotFound;
import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.core.validation.Validator;
import com.ceki.http.Access;
import com.ceki.http.ApiRequest;
import com.ceki.http.ApiResponse;
import com.ceki.http.Router;
import com.ceki.users.Contacts;
import com.ceki.users.CreatedUsers;
import com.ceki.users.OwnFiles;
import com.ceki.users.Passwords;
import com.ceki.users.User;
import com.ceki.users.UserProfileRules;
import com.ceki.users.UserRepository;
import com.ceki.users.UserViews;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import javax.inject.Inject;

/** The routes of a person's own profile. Every read and write is of the caller's own user item. */
public final class UserAccountRoutes {

    private final UserRepository users;
    private final Contacts contacts;
    private final CreatedUsers createdUsers;
    private final Clock clock;

    @Inject
    public UserAccountRoutes(UserRepository users, Contacts contacts, CreatedUsers createdUsers, Clock clock) {
        this.users = users;
        this.contacts = contacts;
        this.createdUsers = createdUsers;
        this.clock = clock;
    }

    public Router router() {
        return new Router()
                .route("GET /api/user", Access.USER, (request, caller) -> get(caller))
                .route("PUT /api/user", Access.USER, this::update)
                .route("PUT /api/users/{otheruser}", Access.USER, this::updateOther)
                .route("POST /api/contacts", Access.USER, this::addContact)
                .route("POST /api/users/{user}/contacts", Access.USER, this::labelContact);
    }

    ApiResponse get(Principal caller) {
        return user(users.find(caller.id()).orElseThrow(() -> new NotFound("User not found.")));
    }

    ApiResponse update(ApiRequest request, Principal caller) {
        Validator v = Validator.of(request.json());
        Map<String, Object> changes = UserProfileRules.read(v);
        requireOwnFiles(v, caller.id(), changes);
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

    /** Someone the caller created who never signed in; a new email waits for the code sent to it. */
    ApiResponse updateOther(ApiRequest request, Principal caller) {
        long userId = request.pathId("otheruser");
        Validator v = Validator.of(request.json());
        Map<String, Object> changes = UserProfileRules.read(v);
        requireOwnFiles(v, caller.id(), changes);
        String email = v.string("email").max(100).email().value();
        v.check();
        var result = createdUsers.editCreated(caller.id(), userId, changes, email);
        if (result.getValue() != null) {
            return ApiResponse.ok(Json.object().put("message", "OTP sent to new email")
                    .put("expires_at", Timestamps.record(result.getValue())));
        }
        return user(result.getKey());
    }

    /** An avatar or CV must be a file the caller uploaded. */
    private void requireOwnFiles(Validator v, long callerId, Map<String, Object> changes) {
        OwnFiles files = new OwnFiles(users);
        for (String field : new String[] {"ava_id", "cv_id"}) {
            files.check(v, callerId, field, changes.get(field) instanceof Long fileId ? fileId : null);
        }
    }

    ApiResponse addContact(ApiRequest request, Principal caller) {
        Validator v = Validator.of(request.json());
        String email = v.string("email").required().max(100).email().value();
        v.check();
        var added = contacts.add(caller.id(), email);
        ObjectNode body = Json.object();
        var list = body.putArray("contacts");
        added.contacts().forEach(list::add);
        body.set("new", UserViews.user(added.user()));
        return ApiResponse.ok(body);
    }

    ApiResponse labelContact(ApiRequest request, Principal caller) {
        long userId = request.pathId("user");
        Validator v = Validator.of(request.json());
        String label = v.string("label").required().min(2).max(255).value();
        String description = v.string("description").max(5000).value();
        v.check();
        return ApiResponse.ok(contacts.label(caller.id(), userId, label, description));
    }

    private static ApiResponse user(User user) {
        ObjectNode body = Json.object();
        body.set("user", UserViews.user(user));
        return ApiResponse.ok(body);
    }
}
