package com.ceki.useraccount;

import com.ceki.http.HttpFunction;

/** Lambda entry point of a person's own profile: {@code GET}/{@code PUT /api/user}. */
public final class UserAccountHandler extends HttpFunction {

    public UserAccountHandler() {
        super(DaggerUserAccountComponent.create().routes().router());
    }
}
