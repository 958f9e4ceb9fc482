package org.lanner.cli.internal;

import java.io.PrintStream;
import java.util.List;

import org.lanner.api.engine.FieldClassInfo;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;

/** {@code --list}: every field of every extractor present, in the layout of Falco's field listing. */
final class FieldListing {

    private static final int DESCRIPTION_START = 16;
    private static final int LINE = 79;

    private FieldListing() {
    }

    static void print(PrintStream out, List<FieldClassInfo> classes, String source, boolean namesOnly, boolean verbose) {
        for (FieldClassInfo c : classes) {
            if (!source.isEmpty() && !c.sources().isEmpty() && !c.sources().contains(source)) {
                continue;
            }
            if (!namesOnly) {
                out.println();
                out.println("----------------------");
                out.println("Field Class: " + c.name() + (c.description().isEmpty() ? "" : " (" + c.description() + ")"));
                out.println();
            }
            for (FieldInfo f : c.fields()) {
                if (f.has(FieldFlag.HIDDEN)) {
                    continue;
                }
                if (namesOnly) {
                    out.println(f.name());
                    continue;
                }
                StringBuilder sb = new StringBuilder(f.name());
                if (f.name().length() >= DESCRIPTION_START) {
                    sb.append('\n');
                    sb.append(" ".repeat(DESCRIPTION_START));
                } else {
                    sb.append(" ".repeat(DESCRIPTION_START - f.name().length()));
                }
                String desc = f.description();
                if (f.has(FieldFlag.FILTER_ONLY)) {
                    desc = "(FILTER ONLY) " + desc;
                }
                if (verbose) {
                    desc += " Type:" + f.type().name() + ".";
                }
                int width = LINE - DESCRIPTION_START;
                for (int i = 0; i < desc.length(); i++) {
                    if (i % width == 0 && i != 0) {
                        sb.append('\n').append(" ".repeat(DESCRIPTION_START));
                    }
                    sb.append(desc.charAt(i));
                }
                out.println(sb);
            }
        }
    }
}
