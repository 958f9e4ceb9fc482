package org.lanner.api.run;

/** A run could not start (no such source, a file no source reads, an input that failed to open…). The message is for the user. */
public class RunException extends Exception {

    private static final long serialVersionUID = 1L;

    public RunException(String message) {
        super(message);
    }

    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
