package org.lanner.filter;

/** Binds the fields of a condition while it compiles. */
@FunctionalInterface
public interface FieldBinder {

    /**
     * The binding of {@code field}.
     *
     * @throws FilterException when the field is unknown or its argument is wrong (use the field's
     *     position)
     */
    FieldBinding bind(FieldRef field) throws FilterException;
}
