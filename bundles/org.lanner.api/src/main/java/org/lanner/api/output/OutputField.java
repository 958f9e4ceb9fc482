package org.lanner.api.output;

/**
 * One field of an alert's output, with its typed value.
 *
 * @param name the field as written in the rule's output ({@code proc.aname[2]})
 * @param value {@code null} when the event had no value, else a {@code String}, {@code Long},
 *     {@code Double} or {@code Boolean}
 */
public record OutputField(String name, Object value) {

    public OutputField {
        if (value != null && !(value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean)) {
            throw new IllegalArgumentException("unsupported value type " + value.getClass().getName() + " for " + name);
        }
    }
}
