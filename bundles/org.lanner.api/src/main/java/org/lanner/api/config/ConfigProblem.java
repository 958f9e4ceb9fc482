package org.lanner.api.config;

/**
 * One mistake in the configuration.
 *
 * @param file the file, or {@code -o} for an override
 * @param line 1-based line, 0 when unknown
 * @param key the dotted key
 * @param message what is wrong
 */
public record ConfigProblem(String file, int line, String key, String message) {

    /** {@code file:line: key: message}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file == null ? "" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (key != null && !key.isEmpty()) {
            sb.append(key).append(": ");
        }
        return sb.append(message).toString();
    }
}
