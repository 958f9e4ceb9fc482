package org.lanner.filter;

import java.util.Objects;

/**
 * A field as written in a condition or output: {@code proc.name}, {@code proc.aname[2]},
 * {@code evt.arg.fd} (a dotted argument stays part of the name; the field resolver splits it).
 *
 * @param name the field name
 * @param argument the raw text between brackets, or null when there were no brackets
 * @param position where the field starts
 */
public record FieldRef(String name, String argument, Position position) {

    public FieldRef {
        Objects.requireNonNull(name, "name");
    }

    /** The field as written: {@code name} or {@code name[argument]}. */
    public String text() {
        return argument == null ? name : name + "[" + argument + "]";
    }

    @Override
    public String toString() {
        return text();
    }
}
