package com.ceki.http;

import com.ceki.core.auth.Principal;

/** One API route of a function: the code that answers it, given the request and the checked caller. */
@FunctionalInterface
public interface Route {

    /** @param caller the caller, checked against the route's {@link Access}; {@code null} on public routes */
    ApiResponse handle(ApiRequest request, Principal caller);
}
