package com.ceki.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.ids.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    @Test
    void idsArePositiveJsonSafeAndGrowWithTime() {
        IdGenerator now = new IdGenerator(Clock.systemUTC());
        IdGenerator later = new IdGenerator(Clock.fixed(Instant.now().plusSeconds(1), ZoneOffset.UTC));
        long id = now.next();
        assertTrue(id > 0 && id < (1L << 53), "not JSON-safe: " + id);
        assertTrue(later.next() > id);
        IdGenerator farFuture = new IdGenerator(Clock.fixed(Instant.parse("2094-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertTrue(farFuture.next() < (1L << 53));
    }

    @Test
    void idsFromDifferentMillisecondsNeverCollide() {
        Set<Long> ids = new HashSet<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int ms = 0; ms < 5000; ms++) {
            ids.add(new IdGenerator(Clock.fixed(start.plusMillis(ms), ZoneOffset.UTC)).next());
        }
        assertTrue(ids.size() == 5000);
    }
}
