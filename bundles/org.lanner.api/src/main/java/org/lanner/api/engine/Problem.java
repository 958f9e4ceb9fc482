package org.lanner.api.engine;

/**
 * An error or warning found while loading rules, located as precisely as the input allows, with
 * what Falco 0.30 says about the same mistake.
 *
 * @param severity error or warning
 * @param file the rules file
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param itemKind {@code rule}, {@code macro}, {@code list}, {@code required_engine_version}…, or empty
 * @param itemName the item's name, or empty
 * @param message what is wrong, in Lanner's words
 * @param code a short stable name of the kind of problem ({@code no-evttype}, {@code unused-macro},
 *     {@code unknown-filter-skipped}…), or empty
 * @param falcoText what Falco 0.30 prints for the same problem (its message, or for the event type
 *     warnings its whole block), or empty when Falco has no such problem
 * @param context the offending YAML item(s) as Falco 0.30 shows them between {@code ---} lines
 *     (each line ending with a newline), or empty
 */
public record Problem(Severity severity, String file, int line, int column, String itemKind, String itemName,
        String message, String code, String falcoText, String context) {

    /** How bad it is. */
    public enum Severity {
        ERROR, WARNING
    }

    public Problem {
        file = file == null ? "" : file;
        itemKind = itemKind == null ? "" : itemKind;
        itemName = itemName == null ? "" : itemName;
        code = code == null ? "" : code;
        falcoText = falcoText == null ? "" : falcoText;
        context = context == null ? "" : context;
    }

    /** A problem Falco has no counterpart for. */
    public Problem(Severity severity, String file, int line, int column, String itemKind, String itemName, String message) {
        this(severity, file, line, column, itemKind, itemName, message, "", "", "");
    }

    /** True when Falco 0.30 reports the same problem ({@link #falcoText} is set). */
    public boolean inFalco() {
        return !falcoText.isEmpty();
    }

    /**
     * Falco 0.30's text of this problem: its message, then, when it shows the YAML item, the item
     * between {@code ---} lines ({@code msg\n---\nitem\n---}); Lanner's message when Falco has none.
     */
    public String falcoBlock() {
        String text = inFalco() ? falcoText : message;
        return context.isEmpty() ? text : text + "\n---\n" + context + "---";
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
