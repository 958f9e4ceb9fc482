package org.lanner.rules.internal;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * The size limits of a rules file's YAML, checked on SnakeYAML's event stream before any node is
 * built: how many nodes the file holds once every alias is counted at the size of what it refers to
 * (a 670-byte "billion laughs" file stands for billions of values), how deep it nests (aliases
 * included), and whether an alias refers to a collection that contains it. The stream is read in
 * constant memory besides one entry per anchor.
 */
final class YamlBounds {

    /** Deepest nesting of YAML collections; Falco 0.30's rules file nests 3 levels. */
    static final int MAX_DEPTH = 64;

    /** Most YAML nodes (aliases counted at full size) in one load; Falco 0.30's rules file has 3,828. */
    static final long MAX_NODES = 300_000;

    /** SnakeYAML's own count of aliases to collections: a second guard. */
    static final int MAX_ALIASES = 1000;

    /** What exceeded a limit, and where. */
    record Violation(Mark mark, String message) {
    }

    private record Size(long nodes, int depth) {
    }

    private static final class Open {
        final String anchor;
        long nodes = 1;
        int depth;

        Open(String anchor) {
            this.anchor = anchor;
        }
    }

    private YamlBounds() {
    }

    /** The options every rules file is read with. */
    static LoaderOptions loaderOptions(int codePointLimit) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(codePointLimit);
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        return options;
    }

    /**
     * Checks a file's text; SnakeYAML's own errors (syntax, limits) are thrown as they are.
     *
     * @param budget nodes still allowed in this load
     * @return the violation, or empty and the nodes used are in {@code used[0]}
     */
    static Optional<Violation> check(String text, LoaderOptions options, long budget, long[] used) {
        Map<String, Size> anchors = new HashMap<>();
        Deque<Open> open = new ArrayDeque<>();
        long total = 0;
        for (Event e : new Yaml(options).parse(new StringReader(text))) {
            Size size = null;
            if (e instanceof DocumentStartEvent) {
                anchors.clear(); // anchors belong to their document
            } else if (e instanceof CollectionStartEvent cs) {
                open.push(new Open(cs.getAnchor()));
                if (open.size() > MAX_DEPTH) {
                    return Optional.of(new Violation(e.getStartMark(), "YAML nests deeper than " + MAX_DEPTH + " levels"));
                }
            } else if (e instanceof CollectionEndEvent) {
                Open o = open.pop();
                size = new Size(o.nodes, o.depth + 1);
                if (o.anchor != null) {
                    anchors.put(o.anchor, size);
                }
            } else if (e instanceof ScalarEvent s) {
                size = new Size(1, 0);
                if (s.getAnchor() != null) {
                    anchors.put(s.getAnchor(), size);
                }
            } else if (e instanceof AliasEvent a) {
                for (Open o : open) {
                    if (a.getAnchor().equals(o.anchor)) {
                        return Optional.of(new Violation(e.getStartMark(), "YAML alias *" + a.getAnchor()
                                + " refers to a collection that contains it"));
                    }
                }
                size = anchors.get(a.getAnchor()); // an undefined alias: SnakeYAML's composer says so
            }
            if (size == null) {
                continue;
            }
            if (size.depth() + open.size() > MAX_DEPTH) {
                return Optional.of(new Violation(e.getStartMark(), "YAML nests deeper than " + MAX_DEPTH
                        + " levels (counting what aliases refer to)"));
            }
            if (open.isEmpty()) {
                total = Math.min(Long.MAX_VALUE / 2, total + size.nodes());
            } else {
                Open parent = open.peek();
                parent.nodes = Math.min(Long.MAX_VALUE / 2, parent.nodes + size.nodes());
                parent.depth = Math.max(parent.depth, size.depth());
            }
            long pending = total;
            for (Open o : open) {
                pending = Math.min(Long.MAX_VALUE / 2, pending + o.nodes);
            }
            if (pending > budget) {
                return Optional.of(new Violation(e.getStartMark(), "the rules hold more than " + MAX_NODES
                        + " YAML values" + (e instanceof AliasEvent a ? " once aliases are expanded (alias *"
                                + a.getAnchor() + " here)" : "")));
            }
        }
        used[0] = total;
        return Optional.empty();
    }
}
