package com.ceki.schedules.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserScheduleSettingsTest {

    static JsonNode json(String text) {
        try {
            return Json.parse(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, List<String>> errors(String settings) {
        return assertThrows(ValidationFailed.class, () -> UserScheduleSettings.validate(json(settings))).errors();
    }

    static void assertOnly(String settings, String... fields) {
        Map<String, List<String>> errors = errors(settings);
        assertEquals(Set.of(fields), errors.keySet(), errors.toString());
    }

    @Test
    void fullReferenceExampleIsValid() {
        String settings = """
                {'price': 10.5, 'duration': 60, 'currency': 'USD', 'oneByOne': true, 'singleEvent': false,
                 'days': [1, 2, 3], 'hours': {'start': '09:00', 'end': '24:00'},
                 'rpt': {'month': 'march', 'type': 'week', 'no': 2, 'selected': ['2019-08-24T14:15:22Z', '2026-03-10']},
                 'contacts': [{'value': 'user@example.com', 'id': 0}],
                 'skills': [{'id': 1, 'label': 'Java', 'icon': 'java', 'options': ['a', 'b'], 'value': 3}],
                 'events': [{'type_id': 1, 'start': '10:00', 'duration': 30, 'msp': 0, 'price': 0, 'currency': 'EUR',
                   'attendees': 'x', 'label': 'Consult', 'description': 'd', 'credit': true, 'private': false,
                   'date': '2019-08-24T14:15:22Z',
                   'rpt': {'month': 'dates', 'type': 'week', 'status': true, 'days': [0, 6],
                           'selected': ['2019-08-24T14:15:22Z']},
                   'files': [{'id': 7}]}]}""";
        ObjectNode validated = UserScheduleSettings.validate(json(settings));
        assertNotNull(validated);
        assertNotNull(UserScheduleSettings.validate(json("{}")));
    }

    @Test
    void unknownKeysAreNamedAtEveryLevel() {
        assertOnly("{'foo': 1}", "settings.foo");
        assertOnly("{'hours': {'start': '09:00', 'end': '10:00', 'tz': 'x'}}", "settings.hours.tz");
        assertOnly("{'rpt': {'type': 'week', 'every': 2}}", "settings.rpt.every");
        assertOnly("{'contacts': [{'value': 'a', 'x': 1}]}", "settings.contacts.0.x");
        assertOnly("{'events': [{'start': '10:00', 'duration': 30, 'bogus': 1}]}", "settings.events.0.bogus");
        assertOnly("{'events': [{'start': '10:00', 'duration': 30, 'rpt': {'no': 2}}]}", "settings.events.0.rpt.no");
        assertOnly("{'events': [{'start': '10:00', 'duration': 30, 'files': [{'id': 1, 'name': 'x'}]}]}",
                "settings.events.0.files.0.name");
    }

    @Test
    void daysAreDistinctIntegersZeroToSix() {
        Map<String, List<String>> errors = errors("{'days': [1, 7]}");
        assertEquals(Set.of("settings.days.1"), errors.keySet());
        assertEquals("The settings.days.1 field must be an integer between 0 and 6.", errors.get("settings.days.1").get(0));
        assertOnly("{'days': [-1, 2]}", "settings.days.0");
        assertOnly("{'days': [2, 2]}", "settings.days.1");
        assertOnly("{'days': ['x']}", "settings.days.0");
        assertOnly("{'days': 3}", "settings.days");
        assertOnly("{'events': [{'start': '10:00', 'duration': 30, 'rpt': {'days': [9]}}]}",
                "settings.events.0.rpt.days.0");
    }

    @Test
    void hoursMustBeOrderedWallClockTimes() {
        Map<String, List<String>> errors = errors("{'hours': {'start': '10:00', 'end': '09:00'}}");
        assertEquals(Set.of("settings.hours.end"), errors.keySet());
        assertEquals("The settings.hours.end field must be a time after settings.hours.start.",
                errors.get("settings.hours.end").get(0));
        assertOnly("{'hours': {'start': '10:00', 'end': '10:00'}}", "settings.hours.end");
        assertOnly("{'hours': {'start': '24:00', 'end': '24:00'}}", "settings.hours.start");
        assertOnly("{'hours': {'start': '10:00', 'end': '25:00'}}", "settings.hours.end");
        assertOnly("{'hours': {'start': '9:00', 'end': '10:00'}}", "settings.hours.start");
        assertOnly("{'hours': {'start': '09:00'}}", "settings.hours.end");
        assertNotNull(UserScheduleSettings.validate(json("{'hours': {'start': '00:00', 'end': '24:00'}}")));
    }

    @Test
    void rptRules() {
        assertOnly("{'rpt': {'type': 'year'}}", "settings.rpt.type");
        assertOnly("{'rpt': {'type': 'week', 'no': 0}}", "settings.rpt.no");
        assertOnly("{'rpt': {'type': 'week', 'no': 53}}", "settings.rpt.no");
        assertOnly("{'rpt': {'type': 'dates', 'selected': ['2026-03-10', 'nope']}}", "settings.rpt.selected.1");
        assertOnly("{'rpt': {'month': '123456789012345678901'}}", "settings.rpt.month");
        assertOnly("{'rpt': 3}", "settings.rpt");
    }

    @Test
    void eventTemplateRules() {
        Map<String, List<String>> errors = errors("{'events': [{'duration': 30}]}");
        assertEquals(Set.of("settings.events.0.start"), errors.keySet());
        assertEquals("The settings.events.0.start field is required.", errors.get("settings.events.0.start").get(0));
        assertOnly("{'events': [{'start': '10:00'}]}", "settings.events.0.duration");
        assertOnly("{'events': [{'start': '10:00', 'duration': 10}]}", "settings.events.0.duration");
        assertOnly("{'events': [{'start': '10:00', 'duration': 30, 'type_id': 5}]}", "settings.events.0.type_id");
        assertOnly("{'events': [{'start': '10:00', 'duration': 30, 'rpt': {'type': 'x'}}]}",
                "settings.events.0.rpt.type");
        assertOnly("{'events': [{'start': '10:00', 'duration': 30}, 5]}", "settings.events.1");
        assertOnly("{'events': [{'start': '10:00', 'duration': 30}, {'start': '25:00', 'duration': 30}]}",
                "settings.events.1.start");
    }

    @Test
    void scalarRules() {
        assertOnly("{'price': -1}", "settings.price");
        assertOnly("{'price': 1000001}", "settings.price");
        assertOnly("{'duration': 14}", "settings.duration");
        assertOnly("{'duration': 1441}", "settings.duration");
        assertOnly("{'currency': 'JPY'}", "settings.currency");
        assertOnly("{'oneByOne': 'maybe'}", "settings.oneByOne");
        assertNotNull(UserScheduleSettings.validate(json("{'oneByOne': true}")));
        assertOnly("{'skills': [{'label': 'x', 'options': [1]}]}", "settings.skills.0.options.0");
        assertNotNull(UserScheduleSettings.validate(json("{'oneByOne': true, 'duration': 45}")));
    }

    @Test
    void mountsInAParentValidator() {
        Validator v = Validator.of(json("{'settings': {'days': [8], 'x': 1}, 'label': 'a'}"));
        UserScheduleSettings.validate(v, "settings", true);
        v.string("label").required();
        ValidationFailed failed = assertThrows(ValidationFailed.class, v::check);
        assertEquals(Set.of("settings.x", "settings.days.0"), failed.errors().keySet());

        Validator missing = Validator.of(json("{}"));
        UserScheduleSettings.validate(missing, "settings", true);
        assertTrue(missing.hasError("settings"));

        Validator optional = Validator.of(json("{}"));
        assertEquals(null, UserScheduleSettings.validate(optional, "settings", false));
        optional.check();
    }

    @Test
    void pricesHaveTheDecimalsOfTheirCurrencyAndStayInDynamoDbsRange() {
        UserScheduleSettings.validate(json("{'price': '40.50', 'currency': 'USD'}"));
        UserScheduleSettings.validate(json("{'price': 0.00012345, 'currency': 'BTC'}"));
        assertEquals(List.of("The settings.price field must have at most 2 decimal places."),
                errors("{'price': 40.005, 'currency': 'USD'}").get("settings.price"));
        assertOnly("{'price': 5e-324, 'currency': 'BTC'}", "settings.price");
        // A template's price is in its own currency, else the settings'.
        String template = "{'currency': 'USD', 'events': [{'start': '10:00', 'duration': 60, 'price': 0.001%s}]}";
        UserScheduleSettings.validate(json(template.formatted(", 'currency': 'ETH'")));
        assertOnly(template.formatted(""), "settings.events.0.price");
    }
}
