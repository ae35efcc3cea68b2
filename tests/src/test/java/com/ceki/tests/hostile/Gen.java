package com.ceki.tests.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A way to draw a value from the random of one try: the few combinators the hostile cases are written with (a value
 * of a list, a weighted choice, a mapped or dependent draw, a list of draws). Deterministic: the same random, in the
 * same state, draws the same value.
 */
@FunctionalInterface
interface Gen<T> {

    T next(SplittableRandom random);

    /** One of a fixed list of values, each as likely; the list stays readable, for the tries that go through it all. */
    record Pool<T>(List<T> values) implements Gen<T> {
        public Pool {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("nothing to draw from");
            }
            values = List.copyOf(values);
        }

        @Override
        public T next(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** A generator and how often it is picked, relative to the others of its {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {}

    @SafeVarargs
    static <T> Pool<T> of(T... values) {
        return new Pool<>(List.of(values));
    }

    static <T> Pool<T> of(List<T> values) {
        return new Pool<>(values);
    }

    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** One of the generators, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return oneOf(List.of(gens));
    }

    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        List<Gen<? extends T>> copy = List.copyOf(gens);
        return random -> copy.get(random.nextInt(copy.size())).next(random);
    }

    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<T>... choices) {
        return frequency(List.of(choices));
    }

    /** One of the generators, each picked in proportion to its weight. */
    static <T> Gen<T> frequency(List<Weighted<T>> choices) {
        List<Weighted<T>> copy = List.copyOf(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int roll = random.nextInt(total);
            for (Weighted<T> choice : copy) {
                roll -= choice.weight();
                if (roll < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("weights changed under the roll");
        };
    }

    /** Text of 0 to {@code maxLength} chars, each any UTF-16 unit (lone surrogates and controls included). */
    static Gen<String> anyText(int maxLength) {
        return random -> {
            char[] chars = new char[random.nextInt(maxLength + 1)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
            }
            return new String(chars);
        };
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    /** A draw that depends on this one's value (a field first, then a value of its kind). */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
        return random -> f.apply(next(random)).next(random);
    }

    /** {@code size} independent draws. */
    default Gen<List<T>> list(int size) {
        return random -> {
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return List.copyOf(values);
        };
    }
}
