package org.lanner.rules.internal;

import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** One rules file's text, for mapping YAML nodes and offsets inside scalars to lines and columns. */
public final class YamlFile {

    private final String name;
    private final String text;
    private final int[] lineStarts;

    public YamlFile(String name, String text) {
        this.name = name;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The location of a mark. */
    public Loc loc(Mark m) {
        return m == null ? Loc.of(name) : new Loc(name, m.getLine() + 1, m.getColumn() + 1);
    }

    /** Where a node starts. */
    public Loc loc(Node n) {
        return n == null ? Loc.of(name) : loc(n.getStartMark());
    }

    private int offsetOf(Mark m) {
        int line = Math.min(m.getLine(), lineStarts.length - 1);
        return Math.min(text.length(), lineStarts[line] + m.getColumn());
    }

    private Loc locOfOffset(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Loc(name, lo + 1, offset - lineStarts[lo] + 1);
    }

    /**
     * Where character {@code offset} of a scalar's value is in the file. The value's characters
     * are aligned with the node's source text (quotes, escapes, block indicators, folding and
     * indentation skipped); when that fails the node's start is returned.
     */
    public Loc locate(ScalarNode node, int offset) {
        String value = node.getValue();
        int start = offsetOf(node.getStartMark());
        int end = node.getEndMark() == null ? text.length() : Math.max(start, offsetOf(node.getEndMark()));
        int j = start;
        DumperOptions.ScalarStyle style = node.getScalarStyle();
        if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
            while (j < end && text.charAt(j) != '\n') {
                j++;
            }
        } else if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
            j++;
        }
        int target = Math.min(offset, value.length());
        for (int i = 0; i < value.length() && i <= target; i++) {
            char c = value.charAt(i);
            boolean blank = Character.isWhitespace(c);
            while (j < end && text.charAt(j) != c && !(blank && Character.isWhitespace(text.charAt(j)))) {
                j++;
            }
            if (j >= end) {
                return loc(node);
            }
            if (i == target) {
                return locOfOffset(j);
            }
            j++;
        }
        // the offset is at or past the end of the value: point just after its last character
        return locOfOffset(Math.min(j, text.length()));
    }
}
