package org.lanner.syscall.internal;

/**
 * Shell-style matching as {@code fnmatch(pattern, text, 0)}: {@code *} (any run, slashes
 * included), {@code ?}, bracket expressions with ranges and {@code !}/{@code ^} negation, and
 * backslash escapes. Used by {@code container.mount*[pattern]}.
 */
final class Glob {

    private Glob() {
    }

    static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*': {
                    while (pi < p.length() && p.charAt(pi) == '*') {
                        pi++;
                    }
                    if (pi == p.length()) {
                        return true;
                    }
                    for (int k = ti; k <= t.length(); k++) {
                        if (match(p, pi, t, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?':
                    if (ti >= t.length()) {
                        return false;
                    }
                    pi++;
                    ti++;
                    break;
                case '[': {
                    if (ti >= t.length()) {
                        return false;
                    }
                    int end = bracketEnd(p, pi);
                    if (end < 0) {
                        // no closing bracket: a literal '['
                        if (t.charAt(ti) != '[') {
                            return false;
                        }
                        pi++;
                        ti++;
                        break;
                    }
                    if (!inBracket(p, pi + 1, end, t.charAt(ti))) {
                        return false;
                    }
                    pi = end + 1;
                    ti++;
                    break;
                }
                case '\\':
                    if (pi + 1 < p.length()) {
                        pi++;
                        c = p.charAt(pi);
                    }
                    // fall through to a literal comparison
                default:
                    if (ti >= t.length() || t.charAt(ti) != c) {
                        return false;
                    }
                    pi++;
                    ti++;
            }
        }
        return ti == t.length();
    }

    private static int bracketEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i++;
        }
        return i < p.length() ? i : -1;
    }

    private static boolean inBracket(String p, int from, int end, char c) {
        boolean negate = false;
        int i = from;
        if (p.charAt(i) == '!' || p.charAt(i) == '^') {
            negate = true;
            i++;
        }
        boolean hit = false;
        while (i < end) {
            char lo = p.charAt(i);
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                char hi = p.charAt(i + 2);
                if (c >= lo && c <= hi) {
                    hit = true;
                }
                i += 3;
            } else {
                if (c == lo) {
                    hit = true;
                }
                i++;
            }
        }
        return hit != negate;
    }
}
