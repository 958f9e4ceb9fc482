package org.lanner.filter;

/** A condition that cannot be parsed or compiled. The message is for the user; the position says where. */
public class FilterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Position position;

    public FilterException(Position position, String message) {
        super(message);
        this.position = position;
    }

    /** Where the problem is, or null when it concerns the whole condition. */
    public Position position() {
        return position;
    }
}
