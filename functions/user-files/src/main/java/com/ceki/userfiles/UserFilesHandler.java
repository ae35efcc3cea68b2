package com.ceki.userfiles;

import com.ceki.http.HttpFunction;

/** Lambda entry point of a person's file uploads: {@code POST /api/files}. */
public final class UserFilesHandler extends HttpFunction {

    public UserFilesHandler() {
        super(DaggerUserFilesComponent.create().routes().router());
    }
}
