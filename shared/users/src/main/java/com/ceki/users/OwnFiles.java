package com.ceki.users;

import com.ceki.core.validation.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The one check that files named in a request (an avatar, a kal's or a schedule's files) are the caller's own: each
 * other id is a 422 on its own field ({@code files.1}, {@code ava_id}), recorded on the request's validator.
 */
public final class OwnFiles {

    private final UserRepository users;

    public OwnFiles(UserRepository users) {
        this.users = users;
    }

    /** Records a failure on {@code field} unless {@code fileId} (if any) is one of the user's files. */
    public void check(Validator v, long userId, String field, Long fileId) {
        if (fileId != null && !users.ownsFile(userId, fileId)) {
            v.fail(field, "The selected " + field.replace('_', ' ') + " is invalid.");
        }
    }

    /** Records a failure on {@code field.N} for each id that is not one of the user's files; returns them once each. */
    public List<Long> check(Validator v, long userId, String field, List<Long> fileIds) {
        if (fileIds == null) {
            return null;
        }
        Map<Long, Boolean> owned = new HashMap<>();
        for (int i = 0; i < fileIds.size(); i++) {
            if (!owned.computeIfAbsent(fileIds.get(i), id -> users.ownsFile(userId, id))) {
                v.fail(field + "." + i, "The selected " + field + "." + i + " is invalid.");
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(fileIds));
    }
}
