package org.lanner.config.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.lanner.config.internal.Tree.ListNode;
import org.lanner.config.internal.Tree.Node;
import org.lanner.config.internal.Tree.Scalar;

/**
 * The type of one key: how its YAML node is read and checked, how it goes into a ConfigAdmin
 * dictionary and how it is written as text.
 *
 * <p>Scalars are typed by their text whatever their quoting, as Falco's yaml-cpp does
 * ({@code enabled: "true"} is a boolean there too), so a value from {@code -o} and the same value
 * in the file mean the same.
 *
 * @param <T> the Java type of the value
 */
abstract class ValueType<T> {

    /** How the reference and the messages name the type, e.g. {@code integer (1..65535)}. */
    abstract String describe();

    /** Reads and checks a node; null after reporting what is wrong. */
    abstract T read(Node node, Problems problems, String key);

    /** The value as it goes into a ConfigAdmin dictionary (Boolean, Long, Double, String, String[]). */
    abstract Object property(T value);

    /** The value as text, as the reference and {@code ConfigResult.values()} show it. */
    abstract String text(T value);

    // ---- the types ---------------------------------------------------------------------------

    static ValueType<Boolean> bool() {
        return BOOL;
    }

    /** A whole number from {@code min} to {@code max}. */
    static ValueType<Long> integer(long min, long max) {
        return new IntegerType(min, max);
    }

    /** A decimal number from {@code min} (exclusive when {@code minExclusive}) to {@code max}. */
    static ValueType<Double> decimal(double min, boolean minExclusive, double max) {
        return new DecimalType(min, minExclusive, max, null);
    }

    /**
     * A decimal number from {@code min} to {@code max}, whose mistakes are told in {@code words} (Falco's
     * own sentence for the key, which users and tests search for), followed by what was found.
     */
    static ValueType<Double> decimal(double min, double max, String words) {
        return new DecimalType(min, false, max, words);
    }

    static ValueType<String> text() {
        return TEXT;
    }

    /** An http or https URL (or nothing). */
    static ValueType<String> url() {
        return URL;
    }

    /** An URL path: text starting with {@code /}. */
    static ValueType<String> endpoint() {
        return ENDPOINT;
    }

    /** {@code unix:///path} or {@code host:port}. */
    static ValueType<String> bindAddress() {
        return BIND_ADDRESS;
    }

    /** One of the given names, case-insensitive; the value is the canonical (first listed) name's value. */
    static <T> ValueType<T> choice(Map<String, T> names, Function<T, String> canonical) {
        return new ChoiceType<>(names, canonical);
    }

    /** One of the given lower-case names, case-insensitive. */
    static ValueType<String> choice(String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, n);
        }
        return new ChoiceType<>(m, Function.identity());
    }

    /** A list of items; a single scalar is a list of one, as in Falco; no value is an empty list. */
    static <T> ValueType<List<T>> list(ValueType<T> item) {
        return new ListType<>(item);
    }

    // ---- implementations ---------------------------------------------------------------------

    /** The text of a scalar, or null after reporting that the node is not one. */
    static String scalarText(Node node, Problems problems, String key, String expected) {
        if (node instanceof Scalar s) {
            if (s.isNull()) {
                problems.error(node.origin(), key, "has no value: expected " + expected + " (remove the key to use the default)");
                return null;
            }
            return s.text();
        }
        problems.error(node.origin(), key, "expected " + expected + ", found " + node.describe());
        return null;
    }

    private abstract static class ScalarType<T> extends ValueType<T> {
        @Override
        final T read(Node node, Problems problems, String key) {
            String text = scalarText(node, problems, key, expected());
            if (text == null) {
                return null;
            }
            T value = parse(text);
            if (value == null) {
                problems.error(node.origin(), key, problem(node));
            }
            return value;
        }

        /** What a message says is expected. */
        abstract String expected();

        /** The message for a scalar that is not a value of this type. */
        String problem(Node node) {
            return "expected " + expected() + ", found " + node.describe();
        }

        /** The value of a text, or null when it is not one. */
        abstract T parse(String text);

        @Override
        Object property(T value) {
            return value;
        }

        @Override
        String text(T value) {
            return String.valueOf(value);
        }
    }

    private static final ValueType<Boolean> BOOL = new ScalarType<>() {
        @Override
        String describe() {
            return "boolean";
        }

        @Override
        String expected() {
            return "true or false";
        }

        @Override
        Boolean parse(String text) {
            return Scalars.bool(text.trim());
        }
    };

    private static final class IntegerType extends ScalarType<Long> {
        private static final Pattern DIGITS = Pattern.compile("[+]?[0-9]{1,19}");
        private final long min;
        private final long max;

        IntegerType(long min, long max) {
            this.min = min;
            this.max = max;
        }

        @Override
        String describe() {
            return max == Scalars.UINT32_MAX ? "integer (" + min + " or more)" : "integer (" + min + ".." + max + ")";
        }

        @Override
        String expected() {
            return max == Scalars.UINT32_MAX ? "a whole number of at least " + min
                    : "a whole number from " + min + " to " + max;
        }

        @Override
        Long parse(String text) {
            String t = text.trim();
            if (!DIGITS.matcher(t).matches()) {
                return null;
            }
            try {
                long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
                return v < min || v > max ? null : v;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private static final class DecimalType extends ScalarType<Double> {
        private final double min;
        private final boolean minExclusive;
        private final double max;
        /** The message's own words, or null for the usual "expected ...". */
        private final String words;

        DecimalType(double min, boolean minExclusive, double max, String words) {
            this.min = min;
            this.minExclusive = minExclusive;
            this.max = max;
            this.words = words;
        }

        @Override
        String problem(Node node) {
            return words == null ? super.problem(node) : words + ", found " + node.describe();
        }

        @Override
        String describe() {
            if (max == Double.MAX_VALUE) {
                return "number (" + (minExclusive ? "more than " : "") + Scalars.format(min) + (minExclusive ? ")" : " or more)");
            }
            return "number (" + Scalars.format(min) + ".." + Scalars.format(max) + ")";
        }

        @Override
        String expected() {
            if (max == Double.MAX_VALUE) {
                return "a number " + (minExclusive ? "greater than " : "of at least ") + Scalars.format(min);
            }
            return "a number from " + Scalars.format(min) + " to " + Scalars.format(max);
        }

        @Override
        Double parse(String text) {
            Double v = Scalars.decimal(text.trim());
            if (v == null || v.isNaN() || v.isInfinite()) {
                return null;
            }
            boolean aboveMin = minExclusive ? v > min : v >= min;
            return aboveMin && v <= max ? v : null;
        }

        @Override
        String text(Double value) {
            return Scalars.format(value);
        }
    }

    private static class TextType extends ScalarType<String> {
        @Override
        String describe() {
            return "text";
        }

        @Override
        String expected() {
            return "text";
        }

        @Override
        String parse(String text) {
            return text;
        }
    }

    /** Text is kept as written: YAML already dropped the spaces around a plain scalar. */
    private static final ValueType<String> TEXT = new TextType();

    private static final ValueType<String> URL = new TextType() {
        @Override
        String describe() {
            return "URL";
        }

        @Override
        String expected() {
            return "an http:// or https:// URL";
        }

        @Override
        String parse(String text) {
            if (text.isEmpty()) {
                return text;
            }
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? text : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }
    };

    private static final ValueType<String> ENDPOINT = new TextType() {
        @Override
        String describe() {
            return "path";
        }

        @Override
        String expected() {
            return "a path starting with /";
        }

        @Override
        String parse(String text) {
            return text.startsWith("/") ? text : null;
        }
    };

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]/]+|[0-9A-Fa-f:]*::[0-9A-Fa-f:]*):([0-9]{1,5})");

    private static final ValueType<String> BIND_ADDRESS = new TextType() {
        @Override
        String describe() {
            return "address";
        }

        @Override
        String expected() {
            return "unix:///path/to/socket or host:port";
        }

        @Override
        String parse(String text) {
            if (text.startsWith("unix://")) {
                return text.length() > "unix://".length() ? text : null;
            }
            var m = HOST_PORT.matcher(text.trim());
            return m.matches() && Integer.parseInt(m.group(2)) <= 65535 ? text : null;
        }
    };

    private static final class ChoiceType<T> extends ScalarType<T> {
        private final Map<String, T> names;
        private final Function<T, String> canonical;
        private final List<String> shown;

        ChoiceType(Map<String, T> names, Function<T, String> canonical) {
            this.names = Map.copyOf(names);
            this.canonical = canonical;
            this.shown = List.copyOf(names.keySet());
        }

        @Override
        String describe() {
            return "one of " + String.join(", ", shown);
        }

        @Override
        String expected() {
            return "one of " + String.join(", ", shown);
        }

        @Override
        T parse(String text) {
            return names.get(text.trim().toLowerCase(Locale.ROOT));
        }

        @Override
        Object property(T value) {
            return canonical.apply(value);
        }

        @Override
        String text(T value) {
            return canonical.apply(value);
        }
    }

    private static final class ListType<T> extends ValueType<List<T>> {
        private final ValueType<T> item;

        ListType(ValueType<T> item) {
            this.item = item;
        }

        @Override
        String describe() {
            return "list of " + item.describe();
        }

        @Override
        List<T> read(Node node, Problems problems, String key) {
            if (node instanceof Scalar s) {
                if (s.isNull()) {
                    return List.of();
                }
                T one = item.read(node, problems, key);
                return one == null ? null : List.of(one);
            }
            if (!(node instanceof ListNode list)) {
                problems.error(node.origin(), key, "expected a list of " + item.describe() + ", found " + node.describe());
                return null;
            }
            List<T> values = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < list.items().size(); i++) {
                T v = item.read(list.items().get(i), problems, key + "[" + i + "]");
                if (v == null) {
                    ok = false;
                } else {
                    values.add(v);
                }
            }
            return ok ? List.copyOf(values) : null;
        }

        @Override
        Object property(List<T> value) {
            return value.stream().map(item::text).toArray(String[]::new);
        }

        @Override
        String text(List<T> value) {
            return "[" + String.join(", ", value.stream().map(item::text).toList()) + "]";
        }
    }
}
