package org.lanner.filter;

/**
 * A place in a condition text.
 *
 * @param origin what the text came from, as given to the parser (the rules layer uses it to map
 *     the position back into a file); may be null
 * @param offset 0-based character offset in the text
 * @param line 1-based line in the text
 * @param column 1-based column in the line
 */
public record Position(Object origin, int offset, int line, int column) {

    /** A position at the start of a text of {@code origin}. */
    public static Position start(Object origin) {
        return new Position(origin, 0, 1, 1);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
