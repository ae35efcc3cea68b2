package com.ceki.tests.hostile;

import static com.ceki.tests.hostile.Gen.weight;

import com.ceki.tests.hostile.HostileCase.AddField;
import com.ceki.tests.hostile.HostileCase.BrokenBytes;
import com.ceki.tests.hostile.HostileCase.Credential;
import com.ceki.tests.hostile.HostileCase.DropField;
import com.ceki.tests.hostile.HostileCase.Header;
import com.ceki.tests.hostile.HostileCase.Mutation;
import com.ceki.tests.hostile.HostileCase.PathId;
import com.ceki.tests.hostile.HostileCase.QueryValue;
import com.ceki.tests.hostile.HostileCase.RawBody;
import com.ceki.tests.hostile.HostileCase.ReplaceValue;
import com.ceki.tests.hostile.HostileCase.SomeoneElses;
import com.ceki.tests.hostile.HostileCase.WholeBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The hostile cases of a run, each drawn from its seed and try index alone, so that any one try can be drawn again.
 * The first tries are a sweep: every fixed hostile value of {@link HostileValues} once, put where it belongs, on a
 * route and field drawn at random, so no value is left out by luck. The later tries are weighted: a route (larger
 * bodies more often), a credential (the right one mostly), and none to three mutations of its example.
 */
final class HostileCases {

    private static final Gen<Credential> CREDENTIALS = Gen.frequency(
            weight(76, Gen.just(Credential.RIGHT)), weight(8, Gen.just(Credential.NONE)),
            weight(8, Gen.just(Credential.GARBAGE)), weight(8, Gen.just(Credential.OTHER_PRINCIPAL)));

    private final List<Gen<HostileCase>> sweep;
    private final Gen<HostileCase> weighted;

    HostileCases(List<RouteExample> examples) {
        this.sweep = sweep(examples);
        this.weighted = weighted(examples);
    }

    /** How many of the first tries the sweep takes. */
    int sweepSize() {
        return sweep.size();
    }

    HostileCase draw(long seed, int tryIndex) {
        SplittableRandom random = new SplittableRandom(mix(seed, tryIndex));
        return (tryIndex < sweep.size() ? sweep.get(tryIndex) : weighted).next(random);
    }

    /** SplitMix64's finalizer over seed and try index: neighbouring tries get unrelated streams. */
    private static long mix(long seed, int tryIndex) {
        long z = seed + 0x9E3779B97F4A7C15L * (tryIndex + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ the sweep

    private static List<Gen<HostileCase>> sweep(List<RouteExample> examples) {
        List<Gen<HostileCase>> sweep = new ArrayList<>();
        for (Gen.Pool<String> texts : List.of(HostileValues.BROKEN_TEXT, HostileValues.ODD_TEXT,
                HostileValues.LOOKALIKE_TEXT, HostileValues.LONG_TEXT)) {
            texts.values().forEach(text -> sweep.add(at(examples, Fields::texts,
                    path -> new ReplaceValue(path, HostileValues.text(text)))));
        }
        HostileValues.NUMBERS_BY_PROBE.stream().flatMap(numbers -> numbers.values().stream()).forEach(number ->
                sweep.add(at(examples, Fields::numbers, path -> new ReplaceValue(path, HostileValues.rawNumber(number)))));
        Stream.concat(HostileValues.WRONG_TYPE.values().stream(), HostileValues.NESTED.values().stream()).forEach(value ->
                sweep.add(at(examples, Fields::all, path -> new ReplaceValue(path, value))));
        HostileValues.INVALID_UTF8.values().forEach(bytes ->
                sweep.add(at(examples, Fields::strings, path -> new BrokenBytes(path, bytes))));
        HostileValues.ADDED_KEY.values().forEach(key -> sweep.add(on(examples, e -> !e.objectPaths().isEmpty(),
                e -> random -> new AddField(Gen.of(e.objectPaths()).next(random), key, HostileValues.VALUE.next(random)))));
        Stream.concat(HostileValues.MALFORMED_BODY.values().stream(), HostileValues.NOT_UTF8_BODY.values().stream())
                .forEach(bytes -> sweep.add(on(examples, e -> e.body() != null, e -> Gen.just(new RawBody(bytes)))));
        HostileValues.CONTENT_TYPE.values().forEach(type -> sweep.add(on(examples, e -> e.body() != null,
                e -> Gen.just(new Header("Content-Type", type)))));
        HostileValues.PATH_ID.values().forEach(id -> sweep.add(on(examples, e -> !e.path().isEmpty(),
                e -> Gen.of(List.copyOf(e.path().keySet())).map(param -> new PathId(param, id)))));
        HostileValues.QUERY_VALUE.values().forEach(value -> sweep.add(on(examples, HostileCases::takesAQuery,
                e -> Gen.of(queryKeys(e)).map(key -> new QueryValue(key, value)))));
        HostileValues.IDEMPOTENCY_KEY.values().forEach(key -> sweep.add(on(examples,
                e -> e.headers().containsKey("Idempotency-Key"), e -> Gen.just(new Header("Idempotency-Key", key)))));
        HostileValues.GARBAGE_AUTHORIZATION.values().forEach(authorization -> sweep.add(
                Gen.of(examples.stream().filter(e -> !e.as().equals("none")).toList())
                        .map(e -> new HostileCase(e, Credential.GARBAGE, authorization, List.of()))));
        return List.copyOf(sweep);
    }

    /** One mutation, with the right credential, on a route drawn among those that fit. */
    private static Gen<HostileCase> on(List<RouteExample> examples, Predicate<RouteExample> fits,
                                       Function<RouteExample, Gen<? extends Mutation>> mutation) {
        return Gen.of(examples.stream().filter(fits).toList()).flatMap(example -> mutation.apply(example)
                .map(m -> new HostileCase(example, Credential.RIGHT, null, List.of(m))));
    }

    /** One mutation of a body field of one kind, on a route and field drawn among those that have one. */
    private static Gen<HostileCase> at(List<RouteExample> examples, Function<Fields, List<List<Object>>> kind,
                                       Function<List<Object>, Mutation> mutation) {
        return on(examples, e -> !kind.apply(Fields.of(e)).isEmpty(),
                e -> Gen.of(kind.apply(Fields.of(e))).map(mutation));
    }

    // ------------------------------------------------------------------ the weighted tries

    /** A route (weighted below), then a credential and the mutations of its example. */
    private static Gen<HostileCase> weighted(List<RouteExample> examples) {
        List<Gen.Weighted<HostileCase>> routes = new ArrayList<>();
        for (RouteExample example : examples) {
            Gen<List<Mutation>> mutations = mutations(example);
            Gen<HostileCase> route = random -> new HostileCase(example, CREDENTIALS.next(random),
                    HostileValues.GARBAGE_AUTHORIZATION.next(random), mutations.next(random));
            // A route with a larger body has more to get wrong: it is tried more often (a GET without one, least).
            routes.add(weight(2 + Math.min(example.valuePaths().size(), 30) / 3, route));
        }
        return Gen.frequency(routes);
    }

    private static Gen<List<Mutation>> mutations(RouteExample example) {
        Gen<Mutation> one = mutation(example);
        return Gen.frequency(
                weight(1, Gen.just(List.of())),
                weight(16, one.list(1)), // one at a time: a second hostile field would hide the first behind its 422
                weight(3, one.list(2)),
                weight(1, one.list(3)));
    }

    private static Gen<Mutation> mutation(RouteExample example) {
        List<Gen.Weighted<Mutation>> choices = new ArrayList<>();
        Fields fields = Fields.of(example);
        if (!fields.all().isEmpty()) {
            choices.add(weight(40, replacement(example, fields)));
            choices.add(weight(8, Gen.of(fields.all()).map(DropField::new)));
            if (!fields.strings().isEmpty()) {
                Gen<List<Object>> path = Gen.of(fields.strings());
                choices.add(weight(3, random -> new BrokenBytes(path.next(random), HostileValues.INVALID_UTF8.next(random))));
            }
        }
        List<List<Object>> objects = example.objectPaths();
        if (!objects.isEmpty()) {
            Gen<List<Object>> object = Gen.of(objects);
            Gen<String> key = Gen.oneOf(HostileValues.ADDED_KEY, HostileValues.TEXT);
            choices.add(weight(10, random -> new AddField(object.next(random), key.next(random), HostileValues.VALUE.next(random))));
        }
        List<List<Object>> references = example.referencePaths();
        if (!references.isEmpty()) {
            choices.add(weight(6, Gen.of(references).map(SomeoneElses::new)));
        }
        choices.add(weight(6, HostileValues.VALUE.map(WholeBody::new)));
        choices.add(weight(6, HostileValues.RAW_BODY.map(RawBody::new)));
        if (!example.path().isEmpty()) {
            Gen<String> param = Gen.of(List.copyOf(example.path().keySet()));
            Gen<String> raw = Gen.frequency(weight(3, HostileValues.PATH_ID), weight(1, Gen.just(HostileCase.SOMEONE_ELSE)));
            choices.add(weight(14, random -> new PathId(param.next(random), raw.next(random))));
        }
        if (takesAQuery(example)) {
            Gen<String> key = Gen.of(queryKeys(example));
            choices.add(weight(12, random -> new QueryValue(key.next(random), HostileValues.QUERY_VALUE.next(random))));
        }
        if (example.headers().containsKey("Idempotency-Key")) {
            choices.add(weight(3, HostileValues.IDEMPOTENCY_KEY.map(key -> new Header("Idempotency-Key", key))));
        }
        choices.add(weight(3, HostileValues.CONTENT_TYPE.map(type -> new Header("Content-Type", type))));
        return Gen.frequency(choices);
    }

    /**
     * A value replaced by a hostile one of its own kind, mostly. The path is picked by kind first (numbers and fixture
     * ids, text, the rest), so the few numeric fields of a large body are reached as often as its many texts.
     */
    private static Gen<Mutation> replacement(RouteExample example, Fields fields) {
        // Numbers first: broken text is refused at one place for every field, a number by each field's own rules.
        List<Gen.Weighted<List<Object>>> kinds = new ArrayList<>();
        int[] weights = {3, 2, 1};
        List<List<List<Object>>> groups = List.of(fields.numbers(), fields.texts(), fields.others());
        for (int i = 0; i < groups.size(); i++) {
            if (!groups.get(i).isEmpty()) {
                kinds.add(weight(weights[i], Gen.of(groups.get(i))));
            }
        }
        return Gen.frequency(kinds).flatMap(path -> {
            JsonNode original = RouteExample.at(example.body(), path);
            return HostileValues.replacing(original, RouteExample.isReference(original)).map(value -> new ReplaceValue(path, value));
        });
    }

    private static boolean takesAQuery(RouteExample example) {
        return !example.query().isEmpty() || example.method().equals("GET");
    }

    /** The route's own query keys, and the hostile ones of {@link HostileValues#QUERY_KEYS}. */
    private static List<String> queryKeys(RouteExample example) {
        List<String> keys = new ArrayList<>();
        example.query().properties().forEach(e -> keys.add(e.getKey()));
        keys.addAll(HostileValues.QUERY_KEYS);
        return keys;
    }

    /**
     * The value paths of an example's body by kind: numbers (and fixture ids, numbers once resolved), other texts and
     * the rest; and every string, ids included (where invalid UTF-8 bytes can go).
     */
    private record Fields(List<List<Object>> all, List<List<Object>> numbers, List<List<Object>> texts,
                          List<List<Object>> others, List<List<Object>> strings) {

        static Fields of(RouteExample example) {
            List<List<Object>> all = example.valuePaths();
            List<List<Object>> numbers = new ArrayList<>();
            List<List<Object>> texts = new ArrayList<>();
            List<List<Object>> others = new ArrayList<>();
            List<List<Object>> strings = new ArrayList<>();
            for (List<Object> path : all) {
                JsonNode value = RouteExample.at(example.body(), path);
                (HostileValues.isNumeric(value) || RouteExample.isReference(value) ? numbers : value.isTextual() ? texts : others)
                        .add(path);
                if (value.isTextual()) {
                    strings.add(path);
                }
            }
            return new Fields(all, numbers, texts, others, strings);
        }
    }
}
