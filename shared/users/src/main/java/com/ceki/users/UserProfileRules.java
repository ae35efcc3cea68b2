package com.ceki.users;

import com.ceki.core.validation.StringField;
import com.ceki.core.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reference's rules for a person's profile fields, shared by {@code PUT /api/user} and {@code PUT /api/users/{id}}. */
public final class UserProfileRules {

    private static final String[] TEXT_FIELDS = {"birthtime", "birthcity", "city", "education", "about"};

    private UserProfileRules() {}

    /** Every present field, {@code null} where the client clears it; {@code name} cannot be cleared. */
    public static Map<String, Object> read(Validator v) {
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
        return changes;
    }

    private static void put(Map<String, Object> changes, String field, StringField input) {
        if (input.present()) {
            changes.put(field, input.value());
        }
    }
}
