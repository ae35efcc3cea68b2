package com.ceki.calendars;

import com.ceki.core.errors.Conflict;
import com.ceki.core.errors.NotFound;
import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.validation.Validator;
import com.ceki.users.OwnFiles;
import com.ceki.users.UserRepository;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A person's kals: list, create, update, and link external calendars and other kals to them. Input arrives
 * already shaped by {@link KalRules}; here come the checks that need the table, before anything is written.
 */
public final class Kals {

    public static final int MAX_KALS = 100;
    public static final int MAX_EXTERNAL = 20;
    private static final String NOT_FOUND = "Kal not found.";
    private static final int ATTEMPTS = 3;

    private final KalRepository kals;
    private final UserRepository users;
    private final IdGenerator ids;
    private final Clock clock;

    public Kals(KalRepository kals, UserRepository users, IdGenerator ids, Clock clock) {
        this.kals = kals;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    public List<Kal> owned(long userId) {
        return kals.owned(userId);
    }

    public Kal create(long userId, KalRules.Input input) {
        List<Long> files = ownFiles(userId, input.files());
        return ids.withUnusedId("kal", id -> {
            Instant now = clock.instant();
            String slug = input.slug() != null ? input.slug() : slug(input.label(), id);
            Kal kal = new Kal(id, userId, input.label(), input.description(), slug, input.isPrivate(), input.timezone(),
                    files, now, now, List.of(), List.of());
            if (kals.create(kal, MAX_KALS) == KalRepository.Outcome.WRITTEN) {
                return kal;
            }
            if (kals.count(userId) >= MAX_KALS) { // the write failed on the limit, not on the id
                throw ValidationFailed.of("label", "You may have at most " + MAX_KALS + " kals.");
            }
            return null;
        });
    }

    public Kal update(long userId, long kalId, KalRules.Input input) {
        List<Long> files = input.files() == null ? null : ownFiles(userId, input.files());
        KalRules.Input checked = new KalRules.Input(input.label(), input.description(), input.clearDescription(),
                input.slug(), input.isPrivate(), input.timezone(), input.clearTimezone(), files);
        kals.update(userId, kalId, checked, clock.instant()).orElseThrow(() -> new NotFound(NOT_FOUND));
        return get(userId, kalId);
    }

    /** Links an external calendar to the kal, or updates the one linked with the same id. */
    public Kal linkExternal(long userId, long kalId, KalRules.ExternalInput input) {
        for (int attempt = 1; ; attempt++) {
            Kal kal = get(userId, kalId);
            Kal.ExternalCalendar existing = kal.external().stream().filter(e -> e.id().equals(input.id())).findFirst()
                    .orElse(null);
            if (existing == null && kal.external().size() >= MAX_EXTERNAL) {
                throw ValidationFailed.of("id", "A kal may link at most " + MAX_EXTERNAL + " external calendars.");
            }
            Instant now = clock.instant();
            var external = new Kal.ExternalCalendar(input.id(), input.summary(), input.description(), input.timeZone(),
                    input.from(), existing == null ? now : existing.createdAt(), now);
            if (kals.putExternal(userId, kalId, external, existing == null, MAX_EXTERNAL) == KalRepository.Outcome.WRITTEN) {
                return get(userId, kalId);
            }
            if (attempt == ATTEMPTS) { // the kal's calendars keep changing under us
                throw new Conflict("The kal changed at the same time; try again.");
            }
        }
    }

    /** Links another kal of the same person to the kal, or updates that link. */
    public Kal link(long userId, long kalId, KalRules.LinkInput input) {
        for (int attempt = 1; ; attempt++) {
            Kal kal = get(userId, kalId);
            if (input.kalId() == kalId) {
                throw ValidationFailed.of("id", "The id field and kal must be different.");
            }
            if (!kals.belongsTo(userId, input.kalId())) {
                throw ValidationFailed.of("id", "The selected id is invalid.");
            }
            Instant now = clock.instant();
            Instant created = kal.links().stream().filter(l -> l.kalId() == input.kalId()).map(Kal.KalLink::createdAt)
                    .findFirst().orElse(now);
            if (kals.putLink(userId, kalId, new Kal.KalLink(input.kalId(), input.from(), created, now))
                    == KalRepository.Outcome.WRITTEN) {
                return get(userId, kalId);
            }
            if (attempt == ATTEMPTS) {
                throw new Conflict("The kal changed at the same time; try again.");
            }
        }
    }

    private Kal get(long userId, long kalId) {
        return kals.find(userId, kalId).orElseThrow(() -> new NotFound(NOT_FOUND));
    }

    /** The ids, without repeats, when every one is a file of the person; else a 422 naming each other one. */
    private List<Long> ownFiles(long userId, List<Long> files) {
        if (files == null) {
            return List.of();
        }
        Validator v = Validator.of(Json.object());
        List<Long> distinct = new OwnFiles(users).check(v, userId, "files", files);
        v.check();
        return distinct;
    }

    /** A slug made of the label's letters and digits ({@code "Work, 2026" -> "work-2026"}), else {@code kal-<id>}. */
    static String slug(String label, long id) {
        String ascii = Normalizer.normalize(label, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 255) {
            slug = slug.substring(0, 255).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "kal-" + id : slug;
    }
}
