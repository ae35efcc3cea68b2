package com.ceki.core;

import com.ceki.core.auth.ApiKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keysAreWellFormedUniqueAndHashedDeterministically() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeys.generate();
            assertTrue(ApiKeys.wellFormed(key), key);
            keys.add(key);
        }
        assertEquals(1000, keys.size());
        String key = keys.iterator().next();
        assertEquals(ApiKeys.hash(key), ApiKeys.hash(key));
        assertEquals(64, ApiKeys.hash(key).length());
        assertEquals(key.substring(0, 9), ApiKeys.displayPrefix(key));
        assertTrue(ApiKeys.sameHash(ApiKeys.hash(key), ApiKeys.hash(key)));
        assertFalse(ApiKeys.sameHash(ApiKeys.hash(key), ApiKeys.hash(key + "x")));
    }

    @Test
    void readsBearerTokens() {
        assertEquals("abc", ApiKeys.bearerToken("Bearer abc"));
        assertEquals("abc", ApiKeys.bearerToken("  bearer   abc "));
        assertNull(ApiKeys.bearerToken("Basic abc"));
        assertNull(ApiKeys.bearerToken("Bearer "));
        assertNull(ApiKeys.bearerToken(null));
        assertFalse(ApiKeys.wellFormed("ceki_short"));
        assertFalse(ApiKeys.wellFormed("xeki_" + "a".repeat(40)));
    }
}
