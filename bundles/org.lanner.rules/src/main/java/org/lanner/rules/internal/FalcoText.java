package org.lanner.rules.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.lanner.rules.internal.Defs.ListDef;

/**
 * How Falco 0.30's rules loader quotes a file in its messages. It keeps the file's non-empty lines,
 * notes which of them start an item (a line starting with {@code -}, other than a {@code ---}
 * document marker), and shows an item as its first line and the lines after it up to the next line
 * starting with {@code -}. That is a property of the text, not of the YAML structure, and these
 * methods reproduce it, quirks included (a last line of one character is dropped, comments between
 * items belong to the item before them).
 */
public final class FalcoText {

    private final List<String> lines = new ArrayList<>();
    private final List<Integer> itemStarts = new ArrayList<>();

    private FalcoText(String text) {
        int last = 0;
        int idx = 1;
        int pos = text.indexOf('\n');
        while (pos >= 0) {
            String line = text.substring(last, pos);
            if (!line.isEmpty()) {
                lines.add(line);
                if (!line.startsWith("---") && line.startsWith("-")) {
                    itemStarts.add(idx);
                }
                idx++;
            }
            last = pos + 1;
            pos = text.indexOf('\n', last);
        }
        // Falco compares with "<", so a final line of one character without newline is not kept
        if (last + 1 < text.length()) {
            String line = text.substring(last);
            lines.add(line);
            if (line.startsWith("-")) {
                itemStarts.add(idx);
            }
            idx++;
        }
        itemStarts.add(idx);
    }

    /** The view of one file's text. */
    public static FalcoText of(String text) {
        return new FalcoText(text);
    }

    /**
     * The {@code n}th item of the file (1-based, counted over all its documents) as Falco shows it,
     * each line followed by a newline; empty when the text has no such item start.
     */
    public String item(int n) {
        if (n < 1 || n > itemStarts.size()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int idx = itemStarts.get(n - 1);
        while (idx <= lines.size()) {
            sb.append(lines.get(idx - 1)).append('\n');
            idx++;
            if (idx > lines.size() || lines.get(idx - 1).startsWith("-")) {
                break;
            }
        }
        return sb.toString();
    }

    /** {@code count} non-empty lines from the {@code row}th (1-based), each followed by a newline. */
    public String lines(int row, int count) {
        StringBuilder sb = new StringBuilder();
        for (int idx = Math.max(1, row); idx < row + count && idx <= lines.size(); idx++) {
            sb.append(lines.get(idx - 1)).append('\n');
        }
        return sb.toString();
    }

    /** Falco's quoting of a list item: in double quotes when it has a space and is not quoted yet. */
    public static String quoteItem(String item) {
        if (item.indexOf(' ') >= 0 && !item.startsWith("'") && !item.startsWith("\"")) {
            return "\"" + item + "\"";
        }
        return item;
    }

    /**
     * A condition with the names of lists replaced by their items, as Falco 0.30 does on the text before
     * parsing it (and quotes in its messages): a name counts where it stands between delimiters (start, end,
     * blank, {@code (}, {@code )}, {@code ,} or {@code =}).
     */
    public static String expandLists(String source, Collection<ListDef> lists) {
        String s = source;
        for (ListDef def : lists) {
            if (def.expanded == null || s.length() > MAX_EXPANDED_TEXT) {
                continue; // past the bound the names stay: the text is only for a message
            }
            String name = def.name;
            int b = s.indexOf(name);
            if (b < 0) {
                continue;
            }
            String sub = null;
            StringBuilder out = new StringBuilder(s.length());
            int copied = 0;
            while (b >= 0) {
                int e = b + name.length();
                if ((b == 0 || delimiter(s.charAt(b - 1))) && (e >= s.length() || delimiter(s.charAt(e)))
                        && out.length() + (b - copied) <= MAX_EXPANDED_TEXT) {
                    if (sub == null) {
                        List<String> quoted = new ArrayList<>();
                        def.expanded.forEach(i -> quoted.add(quoteItem(i)));
                        sub = String.join(", ", quoted);
                    }
                    out.append(s, copied, b).append(sub);
                    copied = e;
                    b = s.indexOf(name, e);
                    continue;
                }
                b = s.indexOf(name, b + 1);
            }
            s = out.append(s, copied, s.length()).toString();
        }
        return s;
    }

    /** Beyond this many characters a condition's lists are no longer expanded in messages (lists of lists can double). */
    static final int MAX_EXPANDED_TEXT = 1 << 20;

    private static boolean delimiter(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == ',' || c == '=';
    }

    /** libyaml's wording (what Falco printed) for a problem SnakeYAML words differently. */
    public static String libyamlProblem(String snakeYaml) {
        if (snakeYaml == null) {
            return "";
        }
        for (Map.Entry<String, String> e : LIBYAML.entrySet()) {
            if (snakeYaml.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return snakeYaml;
    }

    private static final Map<String, String> LIBYAML = new java.util.LinkedHashMap<>();

    static {
        LIBYAML.put("mapping values are not allowed here", "mapping values are not allowed in this context");
        LIBYAML.put("block sequence entries are not allowed here", "block sequence entries are not allowed in this context");
        LIBYAML.put("expected <block end>, but found '<block sequence start>'", "did not find expected key");
        LIBYAML.put("expected <block end>, but found '-'", "did not find expected '-' indicator");
        LIBYAML.put("expected <block end>", "did not find expected key");
        LIBYAML.put("expected ',' or ']'", "did not find expected ',' or ']'");
        LIBYAML.put("expected ',' or '}'", "did not find expected ',' or '}'");
        LIBYAML.put("expected the node content", "did not find expected node content");
        LIBYAML.put("found character", "found character that cannot start any token");
        LIBYAML.put("found a tab character", "found a tab character that violates indentation");
        LIBYAML.put("expected alphabetic or numeric character", "did not find expected alphabetic or numeric character");
        LIBYAML.put("found unknown escape character", "found unknown escape character");
        LIBYAML.put("could not find expected ':'", "could not find expected ':'");
        LIBYAML.put("found unexpected end of stream", "found unexpected end of stream");
    }
}
