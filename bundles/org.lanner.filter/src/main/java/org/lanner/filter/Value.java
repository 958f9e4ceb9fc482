package org.lanner.filter;

import java.util.Objects;

/**
 * A right-hand value of a comparison.
 *
 * @param text the value, quotes removed and escapes decoded
 * @param quoted whether it was written in quotes
 * @param position where it was written (for values coming from a list: where the list was named)
 */
public record Value(String text, boolean quoted, Position position) {

    public Value {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return quoted ? '"' + text + '"' : text;
    }
}
