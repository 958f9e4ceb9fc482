package org.lanner.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Helpers over condition trees. */
public final class Nodes {

    private Nodes() {
    }

    /** Calls {@code action} for every comparison of the tree, in reading order. */
    public static void forEachCheck(Node node, Consumer<Node.Check> action) {
        if (node instanceof Node.And a) {
            a.children().forEach(c -> forEachCheck(c, action));
        } else if (node instanceof Node.Or o) {
            o.children().forEach(c -> forEachCheck(c, action));
        } else if (node instanceof Node.Not x) {
            forEachCheck(x.child(), action);
        } else if (node instanceof Node.Check c) {
            action.accept(c);
        }
    }

    /** The macro references of the tree, in reading order. */
    public static List<Node.MacroRef> macroRefs(Node node) {
        List<Node.MacroRef> out = new ArrayList<>();
        collectMacros(node, out);
        return out;
    }

    private static void collectMacros(Node node, List<Node.MacroRef> out) {
        if (node instanceof Node.And a) {
            a.children().forEach(c -> collectMacros(c, out));
        } else if (node instanceof Node.Or o) {
            o.children().forEach(c -> collectMacros(c, out));
        } else if (node instanceof Node.Not x) {
            collectMacros(x.child(), out);
        } else if (node instanceof Node.MacroRef m) {
            out.add(m);
        }
    }

    /** Renders a tree as condition text, fully parenthesised; quoted values keep their quotes. */
    public static String render(Node node) {
        StringBuilder sb = new StringBuilder();
        render(node, sb);
        return sb.toString();
    }

    private static void render(Node node, StringBuilder sb) {
        if (node instanceof Node.And a) {
            join(a.children(), " and ", sb);
        } else if (node instanceof Node.Or o) {
            join(o.children(), " or ", sb);
        } else if (node instanceof Node.Not x) {
            sb.append("not ");
            render(x.child(), sb);
        } else if (node instanceof Node.MacroRef m) {
            sb.append(m.name());
        } else if (node instanceof Node.Check c) {
            sb.append(c.field().text()).append(' ').append(c.operator().symbol());
            if (!c.operator().isUnary()) {
                sb.append(' ');
                if (c.operator().takesList()) {
                    sb.append('(');
                    for (int k = 0; k < c.values().size(); k++) {
                        sb.append(k == 0 ? "" : ", ").append(quote(c.values().get(k)));
                    }
                    sb.append(')');
                } else {
                    sb.append(quote(c.values().get(0)));
                }
            }
        }
    }

    private static void join(List<Node> children, String op, StringBuilder sb) {
        sb.append('(');
        for (int k = 0; k < children.size(); k++) {
            if (k > 0) {
                sb.append(op);
            }
            render(children.get(k), sb);
        }
        sb.append(')');
    }

    private static String quote(Value v) {
        if (!v.quoted()) {
            return v.text();
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.text().toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
