package org.lanner.api.engine;

/**
 * An error or warning found while loading rules, located as precisely as the input allows.
 *
 * @param severity error or warning
 * @param file the rules file
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param itemKind {@code rule}, {@code macro}, {@code list}, {@code required_engine_version}…, or empty
 * @param itemName the item's name, or empty
 * @param message what is wrong
 */
public record Problem(Severity severity, String file, int line, int column, String itemKind, String itemName, String message) {

    /** How bad it is. */
    public enum Severity {
        ERROR, WARNING
    }

    public Problem {
        file = file == null ? "" : file;
        itemKind = itemKind == null ? "" : itemKind;
        itemName = itemName == null ? "" : itemName;
    }

    /** {@code file:line:column: rule 'name': message}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!file.isEmpty()) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            sb.append(": ");
        }
        if (!itemKind.isEmpty()) {
            sb.append(itemKind);
            if (!itemName.isEmpty()) {
                sb.append(" '").append(itemName).append('\'');
            }
            sb.append(": ");
        }
        return sb.append(message).toString();
    }
}
