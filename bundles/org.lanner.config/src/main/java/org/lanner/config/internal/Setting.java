package org.lanner.config.internal;

/**
 * One key of {@code lanner.yaml} the schema knows.
 *
 * @param key the dotted key ({@code file_output.filename})
 * @param type how its value is read and checked
 * @param defaultValue the value when the key is absent: Falco 0.30's built-in default (which the
 *     shipped file may differ from, as Falco's own shipped file does)
 * @param description what it does, for the reference
 * @param <T> the Java type of its value
 */
record Setting<T>(String key, ValueType<T> type, T defaultValue, String description) {

    /** The first part of the key: the top-level key of lanner.yaml it lives under. */
    String top() {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** True for a key inside a section ({@code webserver.enabled}). */
    boolean nested() {
        return key.indexOf('.') >= 0;
    }

    /** The part after the section ({@code enabled} of {@code webserver.enabled}). */
    String child() {
        return key.substring(key.indexOf('.') + 1);
    }

    String defaultText() {
        return type.text(defaultValue);
    }
}
