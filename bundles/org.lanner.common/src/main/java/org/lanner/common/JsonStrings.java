package org.lanner.common;

/**
 * JSON strings as Falco's two JSON libraries write them: quotes and backslashes escaped, the usual
 * short escapes ({@code \b \f \n \r \t}), other control characters as {@code \\u00XX}, everything
 * else as it is (no {@code \/}, no escaping of non-ASCII). Falco 0.30 writes alerts with JsonCpp,
 * whose hex digits are upper case; nlohmann::json (non-syscall fields, internal messages, and most
 * other JSON Falco prints) uses lower case.
 */
public final class JsonStrings {

    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] LOWER = "0123456789abcdef".toCharArray();

    private JsonStrings() {
    }

    /** Appends {@code s} quoted, JsonCpp style (upper-case hex escapes). */
    public static StringBuilder quote(CharSequence s, StringBuilder out) {
        return quote(s, out, UPPER);
    }

    /** Appends {@code s} quoted, nlohmann::json style (lower-case hex escapes). */
    public static StringBuilder quoteLower(CharSequence s, StringBuilder out) {
        return quote(s, out, LOWER);
    }

    /** {@code s} quoted, nlohmann::json style. */
    public static String quoted(CharSequence s) {
        return quoteLower(s, new StringBuilder(s.length() + 2)).toString();
    }

    private static StringBuilder quote(CharSequence s, StringBuilder out, char[] hex) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(hex[c >> 4]).append(hex[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
