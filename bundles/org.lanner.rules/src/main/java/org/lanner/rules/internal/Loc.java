package org.lanner.rules.internal;

/** A place in a rules file: 1-based line and column, 0 when unknown. */
public record Loc(String file, int line, int column) {

    public static Loc of(String file) {
        return new Loc(file, 0, 0);
    }
}
