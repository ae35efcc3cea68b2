package com.ceki.users;

import com.ceki.core.validation.StringField;
import com.ceki.core.validation.Validator;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
        for (String field : new String[] {"ava_id", "cv_id"}) {
            var id = v.integer(field).min(1);
            if (id.present()) {
                changes.put(field, id.value());
            }
        }
        for (String field : new String[] {"skills", "languages"}) {
            // Items keep the keys they are sent with: the whole list is bounded, so the user item stays under 400 KB.
            var list = v.objects(field).maxItems(100).maxKilobytes(100).each(item -> {
                item.string("label").required().max(100);
                item.decimal("value").min(BigDecimal.ZERO);
            });
            if (list.present()) {
                changes.put(field, list.value());
            }
        }
        var sallary = v.object("sallary").maxKilobytes(20).allowOnly(Set.of("month", "hour", "currency", "paymentMethod")).fields(s -> {
            s.decimal("month").min(BigDecimal.ZERO);
            s.decimal("hour").min(BigDecimal.ZERO);
            s.string("currency").max(10);
            s.objects("paymentMethod").maxItems(10).each(m -> {
                m.string("label").required().max(100);
                m.string("value").max(255);
            });
        });
        if (sallary.present()) {
            changes.put("sallary", sallary.value());
        }
        for (String binary : new String[] {"ava", "docs"}) {
            if (v.present(binary)) {
                v.fail(binary, "Upload files with POST /api/files, then refer to them with ava_id or cv_id.");
            }
        }
        return changes;
    }

    private static void put(Map<String, Object> changes, String field, StringField input) {
        if (input.present()) {
            changes.put(field, input.value());
        }
    }
}
