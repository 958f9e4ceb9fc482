package org.lanner.config.internal;

import java.util.ArrayList;
import java.util.List;

import org.lanner.api.config.ConfigResult.ConfigValue;
import org.lanner.config.internal.Tree.ListNode;
import org.lanner.config.internal.Tree.MapNode;
import org.lanner.config.internal.Tree.Node;
import org.lanner.config.internal.Tree.Scalar;

/**
 * A key the schema does not know inside a section it does, dispatched as it is (a component may
 * accept keys Falco 0.30 did not have, such as an HTTP timeout).
 *
 * @param key the dotted key, nested maps flattened with {@code .}
 * @param value Boolean, Long, Double or String by the value's look, String[] for a list of scalars
 */
record PassThrough(String key, Object value) {

    /** The text of the value for {@code ConfigResult.values()}: one entry per list item. */
    void values(String prefix, List<ConfigValue> out) {
        String k = prefix + key;
        if (value instanceof String[] items) {
            for (int i = 0; i < items.length; i++) {
                out.add(new ConfigValue(k + "[" + i + "]", items[i]));
            }
        } else if (value instanceof Double d) {
            out.add(new ConfigValue(k, Scalars.format(d)));
        } else {
            out.add(new ConfigValue(k, String.valueOf(value)));
        }
    }

    /** Flattens a node under {@code key}: maps with dots, lists of non-scalars with {@code [i]}. */
    static void flatten(String key, Node node, List<PassThrough> out) {
        if (node instanceof Scalar s) {
            Object v = Scalars.untyped(s);
            if (v != null) {
                out.add(new PassThrough(key, v));
            }
        } else if (node instanceof MapNode map) {
            for (Tree.Entry e : map.entries()) {
                flatten(key + "." + e.key(), e.value(), out);
            }
        } else {
            ListNode list = (ListNode) node;
            if (list.items().stream().allMatch(Scalar.class::isInstance)) {
                List<String> items = new ArrayList<>();
                for (Node item : list.items()) {
                    Scalar s = (Scalar) item;
                    if (!s.isNull()) {
                        items.add(s.text());
                    }
                }
                out.add(new PassThrough(key, items.toArray(String[]::new)));
            } else {
                for (int i = 0; i < list.items().size(); i++) {
                    flatten(key + "[" + i + "]", list.items().get(i), out);
                }
            }
        }
    }
}
