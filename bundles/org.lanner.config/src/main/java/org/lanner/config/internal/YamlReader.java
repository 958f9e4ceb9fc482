package org.lanner.config.internal;

import java.io.StringReader;
import java.util.IdentityHashMap;
import java.util.Map;

import org.lanner.common.TextFiles;
import org.lanner.config.internal.Tree.ListNode;
import org.lanner.config.internal.Tree.MapNode;
import org.lanner.config.internal.Tree.Node;
import org.lanner.config.internal.Tree.Origin;
import org.lanner.config.internal.Tree.Scalar;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML text into a {@link Tree} with SnakeYAML's node API (no object construction, so no
 * tags can instantiate anything), keeping each value's line.
 */
final class YamlReader {

    /** Deeper than this is a mistake (or an alias loop), not a configuration. */
    private static final int MAX_DEPTH = 32;

    /** Most values a configuration holds once aliases are expanded (a configuration holds a few hundred). */
    static final int MAX_NODES = 100_000;

    private final String file;
    private final Problems problems;
    private final Resolver resolver = new Resolver();
    private int nodes;

    private YamlReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * The document's root map, an empty map for an empty document, or null when the text is not
     * a readable YAML map (the reason is in {@code problems}).
     */
    static MapNode readDocument(byte[] content, String file, Problems problems) {
        String text;
        try {
            if (content.length > ConfigLoader.MAX_BYTES) {
                problems.error(new Origin(file, 0), "", "is larger than " + TextFiles.size(ConfigLoader.MAX_BYTES)
                        + ", the limit for a configuration file");
                return null;
            }
            text = TextFiles.decodeUtf8(content);
        } catch (TextFiles.TextFileException e) {
            problems.error(new Origin(file, e.failure().line()), "", e.failure().reason());
            return null;
        }
        YamlReader reader = new YamlReader(file, problems);
        org.yaml.snakeyaml.nodes.Node root;
        try {
            String tooBig = tooBig(text, reader);
            if (tooBig != null) {
                problems.error(reader.origin(reader.tooBigAt), "", tooBig);
                return null;
            }
            root = newYaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            problems.error(reader.origin(e.getProblemMark()), "", syntaxMessage(e));
            return null;
        } catch (YAMLException e) {
            problems.error(new Origin(file, 0), "", "YAML syntax error: " + e.getMessage());
            return null;
        }
        if (root == null) {
            return new MapNode(new Origin(file, 1));
        }
        Node top = reader.convert(root, 0, new IdentityHashMap<>());
        if (top == null) {
            return null;
        }
        if (top instanceof Scalar s && s.isNull()) {
            return new MapNode(s.origin());
        }
        if (!(top instanceof MapNode map)) {
            problems.error(top.origin(), "", "the configuration must be a map of keys, found " + top.describe());
            return null;
        }
        return map;
    }

    /** Reads one YAML value written on the command line ({@code [a, b]} of an override). */
    static Node readValue(String text, Origin origin, Problems problems, String key) {
        org.yaml.snakeyaml.nodes.Node node;
        try {
            node = newYaml().compose(new StringReader(text));
        } catch (YAMLException e) {
            String why = e instanceof MarkedYAMLException m ? m.getProblem() : e.getMessage();
            problems.error(origin, key, "cannot read '" + text + "' as a YAML list: " + why);
            return null;
        }
        if (node == null) {
            return new Scalar("", true, origin);
        }
        try {
            return new YamlReader(origin.file(), problems).convertAt(node, origin);
        } catch (YAMLException e) {
            problems.error(origin, key, "cannot read '" + text + "' as a YAML list: " + e.getMessage());
            return null;
        }
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        options.setCodePointLimit(ConfigLoader.MAX_BYTES);
        return new Yaml(options);
    }

    /** Where {@link #tooBig} found the document too big. */
    private Mark tooBigAt;

    /**
     * Why the text is too big to build its nodes (nesting deeper than {@link #MAX_DEPTH}, more than
     * {@link #MAX_NODES} values written out), read on the event stream where no node is built; null when
     * it is not. Aliases are counted when the nodes are converted.
     */
    private static String tooBig(String text, YamlReader reader) {
        int depth = 0;
        int values = 0;
        for (Event e : newYamlUnlimited().parse(new StringReader(text))) {
            if (e instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                reader.tooBigAt = e.getStartMark();
                return "the document nests deeper than " + MAX_DEPTH + " levels";
            } else if (e instanceof CollectionEndEvent) {
                depth--;
            }
            if ((e instanceof CollectionStartEvent || e instanceof org.yaml.snakeyaml.events.ScalarEvent) && ++values > MAX_NODES) {
                reader.tooBigAt = e.getStartMark();
                return "the document holds more than " + MAX_NODES + " values";
            }
        }
        return null;
    }

    /** The parser alone keeps no stack of nodes: only the composer needs a nesting limit. */
    private static Yaml newYamlUnlimited() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(ConfigLoader.MAX_BYTES);
        return new Yaml(options);
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "unreadable YAML" : e.getProblem();
        String context = e.getContext();
        if (context == null) {
            return "YAML syntax error: " + problem;
        }
        Mark contextMark = e.getContextMark();
        Mark problemMark = e.getProblemMark();
        String where = contextMark != null && (problemMark == null || contextMark.getLine() != problemMark.getLine())
                ? " at line " + (contextMark.getLine() + 1) : "";
        // SnakeYAML words some messages as "<context>" + "but found ...": read them in that order.
        if (problem.startsWith("but ")) {
            return "YAML syntax error: " + context + where + ", " + problem;
        }
        return "YAML syntax error: " + problem + " (" + context + where + ")";
    }

    private Origin origin(Mark mark) {
        return new Origin(file, mark == null ? 0 : mark.getLine() + 1);
    }

    /** Converts a node of a command-line value, every part of it from the command line. */
    private Node convertAt(org.yaml.snakeyaml.nodes.Node node, Origin origin) {
        if (++nodes > MAX_NODES) {
            throw new YAMLException("the value holds more than " + MAX_NODES + " values once its aliases are expanded");
        }
        if (node instanceof ScalarNode s) {
            return new Scalar(s.getValue(), plain(s), origin);
        }
        if (node instanceof SequenceNode seq) {
            ListNode list = new ListNode(origin);
            for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
                list.items().add(convertAt(item, origin));
            }
            return list;
        }
        MapNode map = new MapNode(origin);
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    map.put(k.getValue(), origin, convertAt(t.getValueNode(), origin));
                }
            }
        }
        return map;
    }

    private Node convert(org.yaml.snakeyaml.nodes.Node node, int depth,
            Map<org.yaml.snakeyaml.nodes.Node, Boolean> open) {
        Origin origin = origin(node.getStartMark());
        if (depth > MAX_DEPTH || open.containsKey(node)) {
            problems.error(origin, "", "the document nests deeper than " + MAX_DEPTH + " levels (or an alias refers to itself)");
            return null;
        }
        if (++nodes > MAX_NODES) {
            problems.error(origin, "", "the document holds more than " + MAX_NODES + " values once its aliases are expanded");
            return null;
        }
        if (node instanceof ScalarNode s) {
            return new Scalar(s.getValue(), plain(s), origin);
        }
        open.put(node, Boolean.TRUE);
        try {
            if (node instanceof SequenceNode seq) {
                ListNode list = new ListNode(origin);
                for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
                    Node converted = convert(item, depth + 1, open);
                    if (converted == null) {
                        return null;
                    }
                    list.items().add(converted);
                }
                return list;
            }
            MappingNode mapping = (MappingNode) node;
            MapNode map = new MapNode(origin);
            for (NodeTuple tuple : mapping.getValue()) {
                Origin keyOrigin = origin(tuple.getKeyNode().getStartMark());
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    problems.error(keyOrigin, "", "a key must be a plain name, not a list or a map");
                    continue;
                }
                String key = keyNode.getValue();
                Tree.Entry earlier = map.get(key);
                if (earlier != null) {
                    problems.error(keyOrigin, key, "duplicate key (first given at line " + earlier.keyOrigin().line() + ")");
                    continue;
                }
                Node value = convert(tuple.getValueNode(), depth + 1, open);
                if (value == null) {
                    return null;
                }
                map.put(key, keyOrigin, value);
            }
            return map;
        } finally {
            open.remove(node);
        }
    }

    /**
     * Plain means written without quotes and without an explicit tag ({@code !!str 1}): only then
     * does its look decide its type. A tag differing from what the resolver picks was explicit.
     */
    private boolean plain(ScalarNode s) {
        return s.getScalarStyle() == ScalarStyle.PLAIN
                && resolver.resolve(NodeId.scalar, s.getValue(), true).equals(s.getTag());
    }
}
