package com.ceki.userauth;

import com.ceki.http.HttpFunction;

/** Lambda entry point of people sign-up and sign-in: register, loginrequest, login, otp/verify (all public). */
public final class UserAuthHandler extends HttpFunction {

    public UserAuthHandler() {
        super(DaggerUserAuthComponent.create().routes().router());
    }
}
