package org.lanner.rules.internal;

import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A condition text made of pieces from YAML scalars (a rule's condition, then what appends added,
 * joined by a space), able to say where any offset of the whole text is in its file. Used as the
 * origin of the condition's positions.
 */
public final class SourceText {

    private record Piece(int start, String text, YamlFile file, ScalarNode node) {
    }

    private final List<Piece> pieces = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private Loc fallback;

    /** A text made of one scalar. */
    public static SourceText of(String value, YamlFile file, ScalarNode node) {
        return new SourceText().append(value, file, node);
    }

    /** A text located as a whole at {@code loc} (generated conditions such as exceptions). */
    public static SourceText generated(String value, Loc loc) {
        SourceText s = new SourceText();
        s.text.append(value);
        s.fallback = loc;
        return s;
    }

    /** Appends another scalar, separated by a space (Falco's append). */
    public SourceText append(String value, YamlFile file, ScalarNode node) {
        SourceText s = copy();
        if (!s.pieces.isEmpty() || s.text.length() > 0) {
            s.text.append(' ');
        }
        s.pieces.add(new Piece(s.text.length(), value, file, node));
        s.text.append(value);
        return s;
    }

    private SourceText copy() {
        SourceText s = new SourceText();
        s.pieces.addAll(pieces);
        s.text.append(text);
        s.fallback = fallback;
        return s;
    }

    public String text() {
        return text.toString();
    }

    /** Where {@code offset} of the text is in its file. */
    public Loc locate(int offset) {
        Piece found = null;
        for (Piece p : pieces) {
            if (p.start <= offset) {
                found = p;
            }
        }
        if (found == null) {
            return fallback != null ? fallback : Loc.of("");
        }
        return found.file.locate(found.node, offset - found.start);
    }

    @Override
    public String toString() {
        return text();
    }
}
