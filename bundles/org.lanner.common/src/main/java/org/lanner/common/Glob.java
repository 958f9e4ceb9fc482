package org.lanner.common;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled shell wildcard pattern, matched like {@code fnmatch(pattern, string, 0)} in the C
 * locale (what libsinsp's {@code glob} does): {@code *} matches any run of bytes including
 * {@code /}, {@code ?} one byte, {@code [...]} a set ({@code !} or {@code ^} negates, ranges,
 * {@code [:class:]}), a backslash quotes the next character. A {@code [} without its {@code ]}
 * is literal. Used by the {@code glob} operator of conditions and by {@code container.mount*[pattern]}.
 */
public final class Glob {

    private static final int LITERAL = 0;
    private static final int ANY = 1;
    private static final int STAR = 2;
    private static final int SET = 3;

    private final int[] kinds;
    private final byte[] literals;
    private final boolean[][] sets;

    public Glob(String pattern) {
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        List<Integer> k = new ArrayList<>();
        List<Byte> lit = new ArrayList<>();
        List<boolean[]> st = new ArrayList<>();
        int i = 0;
        while (i < p.length) {
            byte c = p[i];
            if (c == '*') {
                if (k.isEmpty() || k.get(k.size() - 1) != STAR) {
                    k.add(STAR);
                    lit.add((byte) 0);
                    st.add(null);
                }
                i++;
            } else if (c == '?') {
                k.add(ANY);
                lit.add((byte) 0);
                st.add(null);
                i++;
            } else if (c == '[') {
                int[] end = new int[1];
                boolean[] set = parseSet(p, i, end);
                if (set == null) {
                    k.add(LITERAL);
                    lit.add(c);
                    st.add(null);
                    i++;
                } else {
                    k.add(SET);
                    lit.add((byte) 0);
                    st.add(set);
                    i = end[0];
                }
            } else {
                if (c == '\\' && i + 1 < p.length) {
                    i++;
                    c = p[i];
                }
                k.add(LITERAL);
                lit.add(c);
                st.add(null);
                i++;
            }
        }
        kinds = k.stream().mapToInt(Integer::intValue).toArray();
        literals = new byte[lit.size()];
        for (int j = 0; j < literals.length; j++) {
            literals[j] = lit.get(j);
        }
        sets = st.toArray(new boolean[0][]);
    }

    /** Parses {@code [...]} at {@code start}; null when it is not closed. */
    private static boolean[] parseSet(byte[] p, int start, int[] end) {
        int i = start + 1;
        boolean negate = false;
        if (i < p.length && (p[i] == '!' || p[i] == '^')) {
            negate = true;
            i++;
        }
        boolean[] set = new boolean[256];
        boolean first = true;
        while (i < p.length) {
            int c = p[i] & 0xFF;
            if (c == ']' && !first) {
                if (negate) {
                    for (int j = 0; j < 256; j++) {
                        set[j] = !set[j];
                    }
                }
                end[0] = i + 1;
                return set;
            }
            first = false;
            if (c == '[' && i + 1 < p.length && p[i + 1] == ':') {
                int close = indexOf(p, i + 2, ":]");
                if (close > 0) {
                    String cls = new String(p, i + 2, close - i - 2, StandardCharsets.US_ASCII);
                    for (int j = 0; j < 128; j++) {
                        if (inClass(cls, (char) j)) {
                            set[j] = true;
                        }
                    }
                    i = close + 2;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < p.length) {
                i++;
                c = p[i] & 0xFF;
            }
            if (i + 2 < p.length && p[i + 1] == '-' && p[i + 2] != ']') {
                int hi = p[i + 2] & 0xFF;
                int hiEnd = i + 3;
                if (hi == '\\' && i + 3 < p.length) {
                    hi = p[i + 3] & 0xFF;
                    hiEnd = i + 4;
                }
                for (int j = c; j <= hi; j++) {
                    set[j] = true;
                }
                i = hiEnd;
                continue;
            }
            set[c] = true;
            i++;
        }
        return null;
    }

    private static int indexOf(byte[] p, int from, String s) {
        for (int i = from; i + 1 < p.length; i++) {
            if (p[i] == s.charAt(0) && p[i + 1] == s.charAt(1)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean inClass(String cls, char c) {
        switch (cls) {
            case "alpha": return Character.isLetter(c);
            case "digit": return c >= '0' && c <= '9';
            case "alnum": return Character.isLetterOrDigit(c);
            case "upper": return c >= 'A' && c <= 'Z';
            case "lower": return c >= 'a' && c <= 'z';
            case "space": return c == ' ' || (c >= 9 && c <= 13);
            case "blank": return c == ' ' || c == '\t';
            case "punct": return c > 32 && c < 127 && !Character.isLetterOrDigit(c);
            case "print": return c >= 32 && c < 127;
            case "graph": return c > 32 && c < 127;
            case "cntrl": return c < 32 || c == 127;
            case "xdigit": return Character.digit(c, 16) >= 0;
            default: return false;
        }
    }

    /** Whether the whole of {@code text}, as UTF-8, matches the pattern. */
    public boolean matches(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return matches(b, 0, b.length);
    }

    /** Whether the whole range matches the pattern. */
    public boolean matches(byte[] s, int off, int len) {
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = -1;
        int pn = kinds.length;
        while (si < len) {
            if (pi < pn) {
                int kind = kinds[pi];
                if (kind == STAR) {
                    starP = ++pi;
                    starS = si;
                    continue;
                }
                byte b = s[off + si];
                boolean ok = kind == ANY || (kind == LITERAL ? literals[pi] == b : sets[pi][b & 0xFF]);
                if (ok) {
                    pi++;
                    si++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP;
            si = ++starS;
        }
        while (pi < pn && kinds[pi] == STAR) {
            pi++;
        }
        return pi == pn;
    }
}
