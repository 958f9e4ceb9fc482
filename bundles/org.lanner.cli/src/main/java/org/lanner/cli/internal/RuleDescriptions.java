package org.lanner.cli.internal;

import java.io.PrintStream;
import java.util.List;

import org.lanner.api.engine.RuleInfo;

/** {@code -L} and {@code -l NAME}: rule names and descriptions in Falco's two-column layout. */
final class RuleDescriptions {

    private static final int NAME_WIDTH = 50;
    private static final int WRAP = 60;

    private RuleDescriptions() {
    }

    static void print(PrintStream out, List<RuleInfo> rules, String only) {
        out.println();
        out.println(row("Rule", "Description"));
        out.println(row("----", "-----------"));
        for (RuleInfo r : rules) {
            if (only != null && !r.name().equals(only)) {
                continue;
            }
            out.println(row(r.name(), wrap(r.description().strip())));
            out.println();
        }
    }

    private static String row(String name, String text) {
        return String.format("%-" + NAME_WIDTH + "s %s", name, text);
    }

    /** Wraps the description at about 60 characters, indenting continuation lines under the first. */
    static String wrap(String text) {
        String indent = " ".repeat(NAME_WIDTH + 1);
        StringBuilder sb = new StringBuilder();
        int lineStart = 0;
        for (String word : text.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                if (sb.length() - lineStart + 1 + word.length() > WRAP) {
                    sb.append('\n').append(indent);
                    lineStart = sb.length();
                } else {
                    sb.append(' ');
                }
            }
            sb.append(word);
        }
        return sb.toString();
    }
}
