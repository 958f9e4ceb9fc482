package org.lanner.config.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

import org.lanner.common.JsonStrings;

import org.lanner.config.internal.Tree.ListNode;
import org.lanner.config.internal.Tree.MapNode;
import org.lanner.config.internal.Tree.Node;
import org.lanner.config.internal.Tree.Scalar;

/** Reading scalar text: the boolean and number spellings, and the look of an untyped value. */
final class Scalars {

    static final long UINT32_MAX = 0xFFFF_FFFFL;

    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

    private Scalars() {
    }

    /**
     * A boolean as yaml-cpp (Falco's parser) reads one: y/yes/true/on and n/no/false/off, in
     * lower case, upper case or capitalised; null for anything else.
     */
    static Boolean bool(String text) {
        if (!flexibleCase(text)) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true", "on" -> Boolean.TRUE;
            case "n", "no", "false", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static boolean flexibleCase(String text) {
        if (text.isEmpty()) {
            return false;
        }
        String rest = text.substring(1);
        return text.equals(text.toLowerCase(Locale.ROOT)) || text.equals(text.toUpperCase(Locale.ROOT))
                || rest.equals(rest.toLowerCase(Locale.ROOT)) && Character.isUpperCase(text.charAt(0));
    }

    /** A decimal number ({@code 1}, {@code .1}, {@code 1e3}); null when the text is not one. */
    static Double decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return null;
        }
        return Double.valueOf(text);
    }

    /** A number without a trailing {@code .0}: {@code 1}, {@code 0.1}, {@code 0.03333}. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * The value of a scalar that no schema types (a key Lanner does not know, an entry of a
     * plugin's {@code init_config} map), by its look when plain: Boolean for true/false/yes/no/
     * on/off, Long for whole numbers, Double for decimals, null for YAML's null, String for the
     * rest and for anything quoted.
     */
    static Object untyped(Scalar s) {
        if (!s.plain()) {
            return s.text();
        }
        if (s.isNull()) {
            return null;
        }
        String t = s.text();
        Boolean b = bool(t);
        if (b != null && !t.equalsIgnoreCase("y") && !t.equalsIgnoreCase("n")) {
            return b;
        }
        if (INTEGER.matcher(t).matches()) {
            try {
                return Long.valueOf(t);
            } catch (NumberFormatException e) {
                return t;
            }
        }
        Double d = decimal(t);
        return d != null ? d : t;
    }

    /** A node as JSON text (a plugin's {@code init_config} given as a map). */
    static String json(Node node) {
        StringBuilder sb = new StringBuilder();
        json(node, sb);
        return sb.toString();
    }

    private static void json(Node node, StringBuilder sb) {
        if (node instanceof MapNode map) {
            sb.append('{');
            boolean first = true;
            for (Tree.Entry e : map.entries()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(e.key(), sb);
                sb.append(':');
                json(e.value(), sb);
            }
            sb.append('}');
        } else if (node instanceof ListNode list) {
            sb.append('[');
            for (int i = 0; i < list.items().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                json(list.items().get(i), sb);
            }
            sb.append(']');
        } else {
            Object v = untyped((Scalar) node);
            if (v == null) {
                sb.append("null");
            } else if (v instanceof String text) {
                quote(text, sb);
            } else if (v instanceof Double d) {
                String n = format(d);
                sb.append(n.contains(".") || n.contains("E") ? n : n + ".0");
            } else {
                sb.append(v);
            }
        }
    }

    private static void quote(String text, StringBuilder sb) {
        JsonStrings.quoteLower(text, sb);
    }
}
