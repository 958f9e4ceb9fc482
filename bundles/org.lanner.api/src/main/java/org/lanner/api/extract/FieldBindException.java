package org.lanner.api.extract;

/** A field reference that cannot be bound: unknown name, bad argument. The message is for the user. */
public class FieldBindException extends Exception {

    private static final long serialVersionUID = 1L;

    public FieldBindException(String message) {
        super(message);
    }
}
