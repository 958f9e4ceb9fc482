package org.lanner.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document as read, before it is typed: scalars keep their text, every node keeps where it
 * came from. Overrides edit this tree; the schema then reads it into {@link Settings}. Mutable and
 * private to the loader: nothing of it leaves a load.
 */
final class Tree {

    private Tree() {
    }

    /** Where a node came from: a file and a 1-based line, or {@code -o} with line 0. */
    record Origin(String file, int line) {

        static final String OVERRIDE = "-o";

        static Origin override() {
            return new Origin(OVERRIDE, 0);
        }

        boolean fromOverride() {
            return OVERRIDE.equals(file);
        }
    }

    /** A node of the document. */
    sealed interface Node permits Scalar, MapNode, ListNode {
        Origin origin();

        /** How a message names this kind of value: "true", "a section", "a list". */
        String describe();
    }

    /**
     * A scalar.
     *
     * @param text its text, without quotes
     * @param plain true when it was written without quotes or tag (only plain scalars can be null,
     *     and only they are typed by their look when no schema applies)
     */
    record Scalar(String text, boolean plain, Origin origin) implements Node {

        /** YAML's null: an empty plain value, {@code ~} or {@code null}. */
        boolean isNull() {
            return plain && (text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null")
                    || text.equals("NULL"));
        }

        @Override
        public String describe() {
            if (isNull()) {
                return "no value";
            }
            String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
            return "'" + shown + "'";
        }
    }

    /** A map with text keys, in document order. */
    static final class MapNode implements Node {
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private final Origin origin;

        MapNode(Origin origin) {
            this.origin = origin;
        }

        @Override
        public Origin origin() {
            return origin;
        }

        @Override
        public String describe() {
            return "a section (a map of keys)";
        }

        Entry get(String key) {
            return entries.get(key);
        }

        Node value(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        void put(String key, Origin keyOrigin, Node value) {
            entries.put(key, new Entry(key, keyOrigin, value));
        }

        Iterable<Entry> entries() {
            return entries.values();
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }
    }

    /** One key of a map and its value. */
    record Entry(String key, Origin keyOrigin, Node value) {
    }

    /** A sequence. */
    static final class ListNode implements Node {
        private final List<Node> items = new ArrayList<>();
        private final Origin origin;

        ListNode(Origin origin) {
            this.origin = origin;
        }

        @Override
        public Origin origin() {
            return origin;
        }

        @Override
        public String describe() {
            return "a list";
        }

        List<Node> items() {
            return items;
        }
    }
}
