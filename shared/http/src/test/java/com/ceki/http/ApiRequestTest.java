package com.ceki.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.validation.ValidText;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    private static ApiRequest withBody(String body, boolean base64) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withBody(body).build();
        event.setIsBase64Encoded(base64);
        return new ApiRequest(event);
    }

    @Test
    void textThatIsNotUnicodeIsA422NamingItsField() {
        var errors = assertThrows(ValidationFailed.class,
                () -> withBody("{\"settings\": {\"events\": [{\"label\": \"Fuzz\\ud800\"}]}}", false).json()).errors();
        assertEquals(Map.of("settings.events.0.label", List.of("The settings.events.0.label field must be valid UTF-8 text.")), errors);
    }

    @Test
    void anythingAfterTheDocumentIsMalformed() {
        for (String body : List.of("{\"a\":1} x", "{\"a\":1}{\"b\":2}", "{\"a\":1}]", "[1] 2")) {
            var errors = assertThrows(ValidationFailed.class, () -> withBody(body, false).json(), body).errors();
            assertEquals(Map.of("body", List.of("The request body must be valid JSON.")), errors, body);
        }
        assertEquals(1, withBody("  {\"a\":1} \r\n\t ", false).json().path("a").asInt(), "white space around it is fine");
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsReplacementCharacters() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xC3, '(', '"', '}'};
        String text = withBody(Base64.getEncoder().encodeToString(body), true).json().path("a").asText();
        assertTrue(ValidText.isValid(text));
        assertTrue(text.contains("\uFFFD"), text);
    }

    @Test
    void percentJunkInAQueryStaysValidText() {
        var query = ApiRequest.parseQuery("a=%ED%A0%80&b=%zz&%=%&c=%C3%28&d=%F0%9F%98%80");
        query.forEach((key, values) -> {
            assertTrue(ValidText.isValid(key), key);
            values.forEach(v -> assertTrue(ValidText.isValid(v), v));
        });
        assertEquals(List.of("%zz"), query.get("b"), "a stray percent stays literal");
        assertEquals(List.of("\uD83D\uDE00"), query.get("d"));
    }
}
