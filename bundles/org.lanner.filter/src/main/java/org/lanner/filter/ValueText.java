package org.lanner.filter;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.filter.internal.Ip;

/**
 * Renders extracted values the way libsinsp does in outputs: as text ({@code %field} in an output
 * format) and as typed JSON values ({@code output_fields}).
 */
public final class ValueText {

    /** The text Falco prints for a missing value. */
    public static final String NA = "<NA>";

    private ValueText() {
    }

    /**
     * The value as output text: integers in decimal (unsigned types as unsigned), booleans as
     * {@code true}/{@code false}, doubles with one decimal ({@code %.1f}), IPv4 addresses dotted,
     * IPv6 addresses as inet_ntop prints them, networks as {@code address/prefix}, byte buffers up
     * to their first NUL, lists as {@code (a,b)}.
     *
     * @return the text, or null when the holder is empty
     */
    public static String text(FieldType type, ValueHolder h) {
        switch (h.kind()) {
            case ValueHolder.LONG: {
                long v = h.longValue();
                FieldType.Comparison c = type.comparison();
                if (c == FieldType.Comparison.BOOL) {
                    return v != 0 ? "true" : "false";
                }
                if (c == FieldType.Comparison.UNSIGNED) {
                    return Long.toUnsignedString(v);
                }
                return Long.toString(v);
            }
            case ValueHolder.DOUBLE:
                return String.format(Locale.ROOT, "%.1f", h.doubleValue());
            case ValueHolder.STRING:
                return h.string();
            case ValueHolder.BYTES:
                return bytesText(type, h);
            case ValueHolder.LIST:
                return h.asString();
            default:
                return null;
        }
    }

    private static String bytesText(FieldType type, ValueHolder h) {
        byte[] a = h.bytes();
        int off = h.offset();
        int len = h.length();
        FieldType.Comparison c = type.comparison();
        if (c == FieldType.Comparison.IPADDR || c == FieldType.Comparison.IPNET) {
            String ip = Ip.format(a, off, len);
            if (ip != null) {
                return h.prefix() >= 0 ? ip + "/" + h.prefix() : ip;
            }
        }
        if (c == FieldType.Comparison.STRING || type == FieldType.BYTEBUF) {
            int end = 0;
            while (end < len && a[off + end] != 0) {
                end++;
            }
            len = end;
        }
        return new String(a, off, len, StandardCharsets.UTF_8);
    }

    /**
     * The value as JSON outputs show it (Falco's {@code tojson}): a {@code Long} for integers, a
     * {@code Boolean} for booleans, a {@code Double} for doubles, a {@code String} for everything
     * else (an unsigned 64-bit value too large for a {@code Long} becomes its decimal text).
     *
     * @return the value, or null when the holder is empty
     */
    public static Object json(FieldType type, ValueHolder h) {
        switch (h.kind()) {
            case ValueHolder.LONG: {
                long v = h.longValue();
                FieldType.Comparison c = type.comparison();
                if (c == FieldType.Comparison.BOOL) {
                    return v != 0;
                }
                if (c == FieldType.Comparison.UNSIGNED && v < 0) {
                    return Long.toUnsignedString(v);
                }
                return v;
            }
            case ValueHolder.DOUBLE:
                return h.doubleValue();
            case ValueHolder.NONE:
                return null;
            default:
                return text(type, h);
        }
    }
}
