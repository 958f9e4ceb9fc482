package org.lanner.rules.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Falco 0.30's condition grammar (its Lua parser, a PEG), used only to word a syntax error the way
 * Falco did: {@code 17: syntax error, unexpected 'foo', expecting 'or', 'and'}. The position is the
 * 1-based byte offset of the farthest place a token failed, the unexpected word is what stands there,
 * and the expected tokens are those that failed there, the last tried first. Lanner's own parser
 * decides what a condition means; this one only says why Falco would have refused it.
 */
public final class FalcoGrammar {

    /** As deep as Lanner's parser goes: deeper, the condition is refused before Falco's words matter. */
    private static final int MAX_DEPTH = org.lanner.filter.ConditionParser.MAX_DEPTH;

    private final String s;
    private int ffp = -1;
    private final Set<String> tried = new HashSet<>();
    private String expected;
    private int depth;

    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }

    private FalcoGrammar(String text) {
        // Lua strings are bytes: work on the UTF-8 bytes, one char per byte
        this.s = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * Falco's message for a condition its grammar refuses; empty when the grammar accepts it (or it is
     * nested too deeply to tell).
     */
    public static Optional<String> syntaxError(String condition) {
        FalcoGrammar g = new FalcoGrammar(condition);
        try {
            if (g.start()) {
                return Optional.empty();
            }
        } catch (TooDeep e) {
            return Optional.empty();
        }
        return Optional.of(g.message());
    }

    private String message() {
        int p = ffp < 0 ? 0 : ffp;
        String unexpected = p >= s.length() ? "EOF" : s.substring(p, oneWord(p));
        unexpected = new String(unexpected.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return (p + 1) + ": syntax error, unexpected '" + unexpected + "', expecting " + expected;
    }

    /** The end of the word Falco quotes as unexpected: a name, a number, a string or one byte. */
    private int oneWord(int p) {
        int e = identifier(p);
        if (e >= 0) {
            return e;
        }
        e = number(p);
        if (e >= 0) {
            return e;
        }
        e = string(p);
        if (e >= 0) {
            return e;
        }
        return p + 1;
    }

    private void fail(int p, String name) {
        if (ffp < 0 || p > ffp) {
            ffp = p;
            tried.clear();
            tried.add(name);
            expected = "'" + name + "'";
        } else if (p == ffp && tried.add(name)) {
            expected = "'" + name + "', " + expected;
        }
    }

    // Start = Skip (Comment | Rule)? !.
    private boolean start() {
        int p = skip(0);
        int q = p < s.length() && s.charAt(p) == '#' ? s.length() : rule(p);
        if (q < 0) {
            q = p;
        }
        return q == s.length();
    }

    private int rule(int p) {
        int q = filter(p);
        return q < 0 ? -1 : skip(q);
    }

    private int filter(int p) {
        if (++depth > MAX_DEPTH) {
            throw new TooDeep();
        }
        try {
            return orExpression(p);
        } finally {
            depth--;
        }
    }

    private int orExpression(int p) {
        int q = andExpression(p);
        if (q < 0) {
            return -1;
        }
        while (true) {
            int r = kw(q, "or");
            if (r < 0) {
                return q;
            }
            int t = andExpression(r);
            if (t < 0) {
                return q;
            }
            q = t;
        }
    }

    private int andExpression(int p) {
        int q = notExpression(p);
        if (q < 0) {
            return -1;
        }
        while (true) {
            int r = kw(q, "and");
            if (r < 0) {
                return q;
            }
            int t = notExpression(r);
            if (t < 0) {
                return q;
            }
            q = t;
        }
    }

    private int notExpression(int p) {
        int r = kw(p, "not");
        if (r >= 0) {
            if (++depth > MAX_DEPTH) {
                throw new TooDeep();
            }
            try {
                int t = notExpression(r);
                if (t >= 0) {
                    return t;
                }
            } finally {
                depth--;
            }
        }
        return existsExpression(p);
    }

    private int existsExpression(int p) {
        int r = terminal(p, "FieldName");
        if (r >= 0) {
            int t = kw(r, "exists");
            if (t >= 0) {
                return t;
            }
        }
        r = terminal(p, "Macro");
        if (r >= 0) {
            return r;
        }
        return relationalExpression(p);
    }

    private static final String[] REL_OPS = {"=", "==", "!=", "<=", ">=", "<", ">", "contains", "icontains", "glob",
        "startswith", "endswith"};

    private static final String[] SET_OPS = {"in", "intersects", "pmatch"};

    private int relationalExpression(int p) {
        int r = terminal(p, "FieldName");
        if (r >= 0) {
            int t = -1;
            for (String op : REL_OPS) {
                t = symb(r, op);
                if (t >= 0) {
                    break;
                }
            }
            if (t >= 0) {
                int u = value(t);
                if (u >= 0) {
                    return u;
                }
            }
        }
        r = terminal(p, "FieldName");
        if (r >= 0) {
            int t = -1;
            for (String op : SET_OPS) {
                t = kw(r, op);
                if (t >= 0) {
                    break;
                }
            }
            if (t >= 0) {
                int u = inList(t);
                if (u >= 0) {
                    return u;
                }
            }
        }
        int q = symb(p, "(");
        if (q < 0) {
            return -1;
        }
        q = filter(q);
        return q < 0 ? -1 : symb(q, ")");
    }

    private int value(int p) {
        int q = terminal(p, "Number");
        if (q < 0) {
            q = terminal(p, "String");
        }
        if (q < 0) {
            q = terminal(p, "BareString");
        }
        return q;
    }

    // InList = "(" Value? ("," Value*)* ")"
    private int inList(int p) {
        int q = symb(p, "(");
        if (q < 0) {
            return -1;
        }
        int v = value(q);
        if (v >= 0) {
            q = v;
        }
        while (true) {
            int r = symb(q, ",");
            if (r < 0) {
                break;
            }
            for (int w = value(r); w >= 0; w = value(r)) {
                r = w;
            }
            q = r;
        }
        return symb(q, ")");
    }

    private int symb(int p, String text) {
        if (s.startsWith(text, p)) {
            return skip(p + text.length());
        }
        fail(p, text);
        return -1;
    }

    private int kw(int p, String word) {
        int e = p + word.length();
        if (s.startsWith(word, p) && !(e < s.length() && idRest(s.charAt(e)))) {
            return skip(e);
        }
        fail(p, word);
        return -1;
    }

    private int terminal(int p, String tag) {
        int e = switch (tag) {
            case "FieldName" -> fieldName(p);
            case "Macro" -> macro(p);
            case "Number" -> number(p);
            case "String" -> string(p);
            default -> bareString(p);
        };
        if (e >= 0) {
            return skip(e);
        }
        fail(p, tag);
        return -1;
    }

    private int skip(int p) {
        while (p < s.length() && space(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static boolean alpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean xdigit(char c) {
        return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean idStart(char c) {
        return alpha(c) || c == '_';
    }

    private static boolean idRest(char c) {
        return alpha(c) || digit(c) || c == '_';
    }

    private int identifier(int p) {
        if (p >= s.length() || !idStart(s.charAt(p))) {
            return -1;
        }
        int q = p + 1;
        while (q < s.length() && idRest(s.charAt(q))) {
            q++;
        }
        return q;
    }

    // FieldName = Identifier ("." | Identifier)+ ("[" Index "]")?
    private int fieldName(int p) {
        int q = identifier(p);
        if (q < 0) {
            return -1;
        }
        int parts = 0;
        while (true) {
            if (q < s.length() && s.charAt(q) == '.') {
                q++;
            } else {
                int r = identifier(q);
                if (r < 0) {
                    break;
                }
                q = r;
            }
            parts++;
        }
        if (parts == 0) {
            return -1;
        }
        if (q < s.length() && s.charAt(q) == '[') {
            int r = index(q + 1);
            if (r >= 0 && r < s.length() && s.charAt(r) == ']') {
                q = r + 1;
            }
        }
        return q;
    }

    // Index = PortRangeString | Int | PathString
    private int index(int p) {
        int q = p;
        while (q < s.length() && (digit(s.charAt(q)) || s.charAt(q) == ':' || s.charAt(q) == ',')) {
            q++;
        }
        if (q > p) {
            return q;
        }
        while (q < s.length() && (alpha(s.charAt(q)) || digit(s.charAt(q)) || ",.-_/*?".indexOf(s.charAt(q)) >= 0)) {
            q++;
        }
        return q > p ? q : -1;
    }

    private int macro(int p) {
        int q = identifier(p);
        if (q < 0 || (q < s.length() && s.charAt(q) == '.')) {
            return -1;
        }
        return q;
    }

    private int digits(int p) {
        int q = p;
        while (q < s.length() && digit(s.charAt(q))) {
            q++;
        }
        return q;
    }

    // Number = (Hex | Float | Int) !idStart
    private int number(int p) {
        int q = -1;
        if (s.startsWith("0x", p) || s.startsWith("0X", p)) {
            int r = p + 2;
            while (r < s.length() && xdigit(s.charAt(r))) {
                r++;
            }
            if (r > p + 2) {
                q = r;
            }
        }
        if (q < 0) {
            q = floatNumber(p);
        }
        if (q < 0) {
            int r = digits(p);
            q = r > p ? r : -1;
        }
        if (q < 0 || (q < s.length() && idStart(s.charAt(q)))) {
            return -1;
        }
        return q;
    }

    private int floatNumber(int p) {
        int q = -1;
        int d = digits(p);
        if (d > p && d < s.length() && s.charAt(d) == '.') {
            q = digits(d + 1);
        } else if (p < s.length() && s.charAt(p) == '.') {
            int r = digits(p + 1);
            if (r > p + 1) {
                q = r;
            }
        }
        if (q >= 0) {
            int e = expo(q);
            return e >= 0 ? e : q;
        }
        return d > p ? expo(d) : -1;
    }

    private int expo(int p) {
        if (p >= s.length() || (s.charAt(p) != 'e' && s.charAt(p) != 'E')) {
            return -1;
        }
        int q = p + 1;
        if (q < s.length() && (s.charAt(q) == '+' || s.charAt(q) == '-')) {
            q++;
        }
        int r = digits(q);
        return r > q ? r : -1;
    }

    private int string(int p) {
        if (p >= s.length() || (s.charAt(p) != '"' && s.charAt(p) != '\'')) {
            return -1;
        }
        char quote = s.charAt(p);
        int q = p + 1;
        while (q < s.length()) {
            char c = s.charAt(q);
            if (c == '\\' && q + 1 < s.length()) {
                q += 2;
            } else if (c == quote) {
                return q + 1;
            } else {
                q++;
            }
        }
        return -1;
    }

    private int bareString(int p) {
        int q = p;
        while (q < s.length() && " (),=".indexOf(s.charAt(q)) < 0) {
            q++;
        }
        return q > p ? q : -1;
    }
}
