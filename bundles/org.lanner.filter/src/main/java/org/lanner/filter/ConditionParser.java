package org.lanner.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses conditions in Falco's filter syntax.
 *
 * <pre>
 * condition := or
 * or        := and ("or" and)*
 * and       := not ("and" not)*
 * not       := "not" not | primary
 * primary   := "(" or ")" | check | macro-name
 * check     := field ("exists" | binop value | listop (list | value))
 * field     := name ("." segment)+ ["[" argument "]"]
 * list      := "(" [value ("," value)*] ")"
 * value     := quoted-string | bare-word
 * </pre>
 *
 * Keywords and operators are case-sensitive. A bare word runs until a blank or one of
 * {@code ( ) , =}. Quoted strings use single or double quotes with libsinsp's escapes
 * ({@code \b \f \n \r \t \\ \/ \xHH}, the quote itself, and {@code \ } for a backslash). A bare
 * value naming a list (see {@link ListLookup}) is replaced by the list's items.
 */
public final class ConditionParser {

    /**
     * Deepest nesting of parentheses and {@code not} accepted: far beyond any real rule, and low
     * enough that every pass over the tree fits a small thread stack.
     */
    public static final int MAX_DEPTH = 256;

    /** Most values (list items expanded) one condition may hold. */
    public static final int MAX_VALUES = 1_000_000;

    private final String text;
    private final Object origin;
    private final ListLookup lists;
    private final int n;
    private int i;
    private int depth;
    private int values;
    private int[] lineStarts;

    private ConditionParser(String text, Object origin, ListLookup lists) {
        this.text = text;
        this.origin = origin;
        this.lists = lists == null ? ListLookup.NONE : lists;
        this.n = text.length();
    }

    /** Parses a condition that names no lists. */
    public static Node parse(String text) throws FilterException {
        return parse(text, null, ListLookup.NONE);
    }

    /**
     * Parses a condition.
     *
     * @param text the condition
     * @param origin stored in every {@link Position} of the result
     * @param lists the lists the condition may name
     */
    public static Node parse(String text, Object origin, ListLookup lists) throws FilterException {
        ConditionParser p = new ConditionParser(text, origin, lists);
        return p.parseAll();
    }

    private Node parseAll() throws FilterException {
        skipBlanks();
        if (i >= n) {
            throw new FilterException(pos(0), "the condition is empty");
        }
        Node node = parseOr();
        skipBlanks();
        if (i < n) {
            throw new FilterException(pos(i), "unexpected '" + tokenAt(i) + "', expecting 'and', 'or' or the end of the condition");
        }
        return node;
    }

    private Node parseOr() throws FilterException {
        Position start = pos(i);
        List<Node> children = new ArrayList<>();
        children.add(parseAnd());
        while (true) {
            skipBlanks();
            if (!keyword("or")) {
                break;
            }
            i += 2;
            children.add(parseAnd());
        }
        return children.size() == 1 ? children.get(0) : new Node.Or(children, start);
    }

    private Node parseAnd() throws FilterException {
        skipBlanks();
        Position start = pos(i);
        List<Node> children = new ArrayList<>();
        children.add(parseNot());
        while (true) {
            skipBlanks();
            if (!keyword("and")) {
                break;
            }
            i += 3;
            children.add(parseNot());
        }
        return children.size() == 1 ? children.get(0) : new Node.And(children, start);
    }

    private Node parseNot() throws FilterException {
        skipBlanks();
        if (keyword("not")) {
            Position start = pos(i);
            i += 3;
            enter(start);
            Node child = parseNot();
            depth--;
            return new Node.Not(child, start);
        }
        return parsePrimary();
    }

    private Node parsePrimary() throws FilterException {
        skipBlanks();
        if (i >= n) {
            throw new FilterException(pos(i), "unexpected end of the condition, expecting a comparison, a macro, 'not' or '('");
        }
        char c = text.charAt(i);
        if (c == '(') {
            Position open = pos(i);
            enter(open);
            i++;
            Node inner = parseOr();
            skipBlanks();
            if (i >= n || text.charAt(i) != ')') {
                throw new FilterException(i >= n ? open : pos(i), i >= n
                        ? "missing ')' for the '(' at " + open
                        : "unexpected '" + tokenAt(i) + "', expecting ')' or a boolean operator");
            }
            i++;
            depth--;
            return inner;
        }
        if (isIdentStart(c)) {
            int start = i;
            while (i < n && isIdentRest(text.charAt(i))) {
                i++;
            }
            boolean dotted = false;
            while (i < n && text.charAt(i) == '.') {
                dotted = true;
                i++;
                while (i < n && isIdentRest(text.charAt(i))) {
                    i++;
                }
            }
            String name = text.substring(start, i);
            if (dotted) {
                return parseCheck(name, start);
            }
            if (name.equals("and") || name.equals("or")) {
                throw new FilterException(pos(start), "unexpected '" + name + "', expecting a comparison, a macro, 'not' or '('");
            }
            int save = i;
            skipBlanks();
            if (i < n && (text.charAt(i) == '=' || text.charAt(i) == '!' || text.charAt(i) == '<' || text.charAt(i) == '>'
                    || text.charAt(i) == '[')) {
                throw new FilterException(pos(start), "'" + name + "' is not a field name (field names contain a dot, as in proc.name)");
            }
            i = save;
            return new Node.MacroRef(name, pos(start));
        }
        throw new FilterException(pos(i), "unexpected '" + tokenAt(i) + "', expecting a comparison, a macro, 'not' or '('");
    }

    private Node parseCheck(String name, int start) throws FilterException {
        Position fieldPos = pos(start);
        String argument = null;
        if (i < n && text.charAt(i) == '[') {
            int open = i;
            int nest = 0;
            int j = i;
            for (; j < n; j++) {
                char c = text.charAt(j);
                if (c == '[') {
                    nest++;
                } else if (c == ']') {
                    nest--;
                    if (nest == 0) {
                        break;
                    }
                }
            }
            if (j >= n) {
                throw new FilterException(pos(open), "missing ']' after the argument of field '" + name + "'");
            }
            argument = text.substring(open + 1, j);
            String trimmed = argument.strip();
            if (trimmed.length() >= 2 && (trimmed.charAt(0) == '"' || trimmed.charAt(0) == '\'')) {
                try {
                    Quoted q = readQuoted(trimmed, 0);
                    if (q.end == trimmed.length()) {
                        argument = q.value;
                    }
                } catch (LexError e) {
                    throw new FilterException(pos(open + 1 + argument.indexOf(trimmed) + e.offset), e.getMessage());
                }
            }
            i = j + 1;
        }
        FieldRef field = new FieldRef(name, argument, fieldPos);
        skipBlanks();
        Operator op = readOperator(field);
        if (op.isUnary()) {
            return new Node.Check(field, op, List.of(), fieldPos);
        }
        skipBlanks();
        List<Value> values = new ArrayList<>();
        if (op.takesList()) {
            if (i < n && text.charAt(i) == '(') {
                readList(values);
            } else {
                readValueExpanding(values, op);
            }
        } else {
            if (i < n && text.charAt(i) == '(') {
                throw new FilterException(pos(i), "operator '" + op.symbol() + "' takes one value, not a list");
            }
            readValueExpanding(values, op);
            if (values.size() != 1) {
                throw new FilterException(fieldPos, "operator '" + op.symbol() + "' takes one value, but the list after it has "
                        + values.size() + " items");
            }
        }
        return new Node.Check(field, op, values, fieldPos);
    }

    private Operator readOperator(FieldRef field) throws FilterException {
        if (i >= n) {
            throw new FilterException(pos(i), "expected an operator after field '" + field.text() + "'");
        }
        for (String sym : new String[] {"==", "!=", "<=", ">=", "=", "<", ">"}) {
            if (text.startsWith(sym, i)) {
                i += sym.length();
                return Operator.of(sym).orElseThrow();
            }
        }
        char c = text.charAt(i);
        if (Character.isLetter(c)) {
            int start = i;
            int j = i;
            while (j < n && isIdentRest(text.charAt(j))) {
                j++;
            }
            String word = text.substring(start, j);
            Operator op = Operator.of(word).orElse(null);
            if (op == null || op == Operator.EQ) {
                throw new FilterException(pos(start), "unknown operator '" + word + "' after field '" + field.text() + "'");
            }
            i = j;
            return op;
        }
        throw new FilterException(pos(i), "expected an operator after field '" + field.text() + "', found '" + tokenAt(i) + "'");
    }

    private void readList(List<Value> out) throws FilterException {
        Position open = pos(i);
        i++;
        while (true) {
            skipBlanks();
            if (i >= n) {
                throw new FilterException(open, "missing ')' to close the list opened at " + open);
            }
            char c = text.charAt(i);
            if (c == ')') {
                i++;
                return;
            }
            if (c == ',') {
                i++; // an empty element, as in "(a,,b)": ignored like Falco does
                continue;
            }
            readValueExpanding(out, Operator.IN);
            skipBlanks();
            if (i < n && text.charAt(i) == ',') {
                i++;
            } else if (i < n && text.charAt(i) != ')') {
                throw new FilterException(pos(i), "unexpected '" + tokenAt(i) + "' in a list, expecting ',' or ')'");
            }
        }
    }

    private void readValueExpanding(List<Value> out, Operator op) throws FilterException {
        skipBlanks();
        if (i >= n) {
            throw new FilterException(pos(i), "expected a value after '" + op.symbol() + "'");
        }
        char c = text.charAt(i);
        Position at = pos(i);
        if (c == '"' || c == '\'') {
            try {
                Quoted q = readQuoted(text, i);
                i = q.end;
                out.add(new Value(q.value, true, at));
                count(1, at);
                return;
            } catch (LexError e) {
                throw new FilterException(pos(e.offset), e.getMessage());
            }
        }
        int start = i;
        while (i < n && !endsBare(text.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw new FilterException(at, "expected a value after '" + op.symbol() + "', found '" + tokenAt(start) + "'");
        }
        String word = text.substring(start, i);
        List<String> items = lists.items(word);
        if (items == null) {
            out.add(new Value(word, false, at));
            count(1, at);
            return;
        }
        count(items.size(), at);
        for (String item : items) {
            expandItem(word, item, at, out);
        }
    }

    private void count(int more, Position at) throws FilterException {
        values += more;
        if (values > MAX_VALUES || values < 0) {
            throw new FilterException(at, "the condition holds more than " + MAX_VALUES + " values once its lists are expanded");
        }
    }

    /** Reads one list item the way Falco inserts it into a condition. */
    private static void expandItem(String list, String item, Position at, List<Value> out) throws FilterException {
        if (item.indexOf(' ') >= 0 && !(item.startsWith("\"") || item.startsWith("'"))) {
            out.add(new Value(item, true, at));
            return;
        }
        int k = 0;
        int len = item.length();
        while (k < len) {
            char c = item.charAt(k);
            if (isBlank(c) || c == ',') {
                k++;
                continue;
            }
            if (c == '"' || c == '\'') {
                try {
                    Quoted q = readQuoted(item, k);
                    out.add(new Value(q.value, true, at));
                    k = q.end;
                } catch (LexError e) {
                    throw new FilterException(at, "item '" + item + "' of list '" + list + "': " + e.getMessage());
                }
                continue;
            }
            int start = k;
            while (k < len && !endsBare(item.charAt(k))) {
                k++;
            }
            if (k == start) {
                throw new FilterException(at, "item '" + item + "' of list '" + list + "' is not a valid value (it contains '"
                        + item.charAt(k) + "'; quote it)");
            }
            out.add(new Value(item.substring(start, k), false, at));
        }
    }

    private record Quoted(String value, int end) {
    }

    private static final class LexError extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        LexError(int offset, String message) {
            super(message);
            this.offset = offset;
        }
    }

    /** Reads the quoted string starting at {@code start} (on the quote), decoding escapes. */
    private static Quoted readQuoted(String s, int start) throws LexError {
        char quote = s.charAt(start);
        StringBuilder sb = new StringBuilder();
        int k = start + 1;
        int len = s.length();
        while (k < len) {
            char c = s.charAt(k);
            if (c == quote) {
                return new Quoted(sb.toString(), k + 1);
            }
            if (c != '\\') {
                sb.append(c);
                k++;
                continue;
            }
            if (k + 1 >= len) {
                break;
            }
            char e = s.charAt(k + 1);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case ' ', '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case '"', '\'' -> {
                    if (e != quote) {
                        throw new LexError(k, "invalid escape \\" + e + " in a " + (quote == '"' ? "double" : "single")
                                + "-quoted string");
                    }
                    sb.append(e);
                }
                case 'x' -> {
                    if (k + 3 >= len || Character.digit(s.charAt(k + 2), 16) < 0 || Character.digit(s.charAt(k + 3), 16) < 0) {
                        throw new LexError(k, "invalid hex escape (\\x needs two hex digits)");
                    }
                    sb.append((char) Integer.parseInt(s.substring(k + 2, k + 4), 16));
                    k += 2;
                }
                default -> throw new LexError(k, "unsupported escape sequence \\" + e);
            }
            k += 2;
        }
        throw new LexError(start, "unterminated string: missing closing " + quote);
    }

    private void enter(Position at) throws FilterException {
        if (++depth >= MAX_DEPTH) {
            throw new FilterException(at, "the condition is nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
    }

    private boolean keyword(String kw) {
        return text.startsWith(kw, i) && (i + kw.length() >= n || !isIdentRest(text.charAt(i + kw.length())));
    }

    private void skipBlanks() {
        while (i < n && isBlank(text.charAt(i))) {
            i++;
        }
    }

    private String tokenAt(int at) {
        if (at >= n) {
            return "end of condition";
        }
        int end = at;
        while (end < n && end - at < 20 && !isBlank(text.charAt(end))) {
            end++;
        }
        return end == at ? text.substring(at, at + 1) : text.substring(at, end);
    }

    private Position pos(int offset) {
        if (lineStarts == null) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int k = 0; k < n; k++) {
                if (text.charAt(k) == '\n') {
                    starts.add(k + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }
        int line = java.util.Arrays.binarySearch(lineStarts, offset);
        line = line >= 0 ? line : -line - 2;
        return new Position(origin, offset, line + 1, offset - lineStarts[line] + 1);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\b' || c == 0x0B;
    }

    private static boolean endsBare(char c) {
        return isBlank(c) || c == '(' || c == ')' || c == ',' || c == '=';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentRest(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
