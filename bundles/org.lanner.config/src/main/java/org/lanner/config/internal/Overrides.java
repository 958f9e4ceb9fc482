package org.lanner.config.internal;

import java.util.ArrayList;
import java.util.List;

import org.lanner.config.internal.Tree.ListNode;
import org.lanner.config.internal.Tree.MapNode;
import org.lanner.config.internal.Tree.Node;
import org.lanner.config.internal.Tree.Origin;
import org.lanner.config.internal.Tree.Scalar;

/**
 * Applies {@code -o key=value} to the document before it is read, as Falco does: the text after
 * the first {@code =} replaces the value at {@code key}, sections on the way are created, and a
 * list key given one value becomes a list of that one value ({@code -o rules_file=x.yaml}). Falco
 * 0.30 stops at {@code section.key}; Lanner walks any depth, and adds {@code key[i]=value} for one
 * list item (an index equal to the list's length appends) and {@code key=[a, b]} for a whole list
 * (a value starting with {@code [} is read as a YAML flow list, which must be well formed).
 * The value is typed by the schema exactly as the same text in the file would be.
 */
final class Overrides {

    private Overrides() {
    }

    /** One step of a key: a map key, or a list index when {@code name} is null. */
    private record Step(String name, int index) {
    }

    static void apply(MapNode root, List<String> overrides, Problems problems) {
        for (String o : overrides) {
            applyOne(root, o, problems);
        }
    }

    private static void applyOne(MapNode root, String option, Problems problems) {
        Origin origin = Origin.override();
        int eq = option.indexOf('=');
        if (eq < 0) {
            problems.error(origin, option, "expected key=value (a dotted key such as webserver.listen_port=8080)");
            return;
        }
        String key = option.substring(0, eq).trim();
        String text = option.substring(eq + 1);
        List<Step> steps = parseKey(key);
        if (steps == null) {
            problems.error(origin, key.isEmpty() ? option : key,
                    "not a key: use names separated by dots, with [n] for a list item (e.g. plugins[0].open_params)");
            return;
        }
        Node value;
        String trimmed = text.trim();
        if (trimmed.startsWith("[")) {
            value = YamlReader.readValue(trimmed, origin, problems, key);
            if (value == null) {
                return;
            }
            if (!(value instanceof ListNode)) {
                problems.error(origin, key, "expected a list [a, b], found " + value.describe());
                return;
            }
        } else {
            value = new Scalar(text, true, origin);
        }
        set(root, steps, key, value, problems);
    }

    private static void set(MapNode root, List<Step> steps, String key, Node value, Problems problems) {
        Origin origin = Origin.override();
        Node current = root;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            boolean last = i == steps.size() - 1;
            Step next = last ? null : steps.get(i + 1);
            if (step.name() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(step.name());
                MapNode map = (MapNode) current;
                if (last) {
                    map.put(step.name(), origin, value);
                    return;
                }
                Node child = map.value(step.name());
                if (child == null || child instanceof Scalar s && s.isNull()) {
                    child = next.name() == null ? new ListNode(origin) : new MapNode(origin);
                    map.put(step.name(), origin, child);
                }
                current = child;
            } else {
                path.append('[').append(step.index()).append(']');
                ListNode list = (ListNode) current;
                int size = list.items().size();
                if (step.index() > size) {
                    problems.error(origin, key, "index " + step.index() + " is out of range: "
                            + path.substring(0, path.lastIndexOf("[")) + " has " + size + " item" + (size == 1 ? "" : "s"));
                    return;
                }
                if (last) {
                    if (step.index() == size) {
                        list.items().add(value);
                    } else {
                        list.items().set(step.index(), value);
                    }
                    return;
                }
                Node child = step.index() < size ? list.items().get(step.index()) : null;
                if (child == null || child instanceof Scalar s && s.isNull()) {
                    child = next.name() == null ? new ListNode(origin) : new MapNode(origin);
                    if (step.index() < size) {
                        list.items().set(step.index(), child);
                    } else {
                        list.items().add(child);
                    }
                }
                current = child;
            }
            // the next step needs a map (for a name) or a list (for an index)
            Step following = steps.get(i + 1);
            if (following.name() != null && !(current instanceof MapNode)) {
                problems.error(origin, key, path + " is not a section: it holds " + current.describe());
                return;
            }
            if (following.name() == null && !(current instanceof ListNode)) {
                problems.error(origin, key, path + " is not a list: it holds " + current.describe());
                return;
            }
        }
    }

    /** {@code a.b[0].c} as steps; null when it is not a key. */
    private static List<Step> parseKey(String key) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = key.length();
        if (n == 0) {
            return null;
        }
        while (i < n) {
            int start = i;
            while (i < n && key.charAt(i) != '.' && key.charAt(i) != '[' && key.charAt(i) != ']') {
                i++;
            }
            if (i == start) {
                return null;
            }
            String name = key.substring(start, i);
            if (!name.equals(name.trim())) {
                return null;
            }
            steps.add(new Step(name, -1));
            while (i < n && key.charAt(i) == '[') {
                int close = key.indexOf(']', i);
                if (close < 0) {
                    return null;
                }
                String digits = key.substring(i + 1, close);
                if (!digits.matches("[0-9]{1,6}")) {
                    return null;
                }
                steps.add(new Step(null, Integer.parseInt(digits)));
                i = close + 1;
            }
            if (i < n) {
                if (key.charAt(i) != '.' || i == n - 1) {
                    return null;
                }
                i++;
            }
        }
        return steps;
    }
}
