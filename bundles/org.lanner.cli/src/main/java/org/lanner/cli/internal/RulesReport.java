package org.lanner.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.Problem;

/**
 * What the command says about a rules load, as Falco 0.30 said it, plus Lanner's positions:
 * <ul>
 * <li>Falco's blocks: {@code N errors:} then each message with the offending YAML item between
 * {@code ---} lines, then {@code N warnings:}; the event type warnings ({@code Rule X: warning
 * (no-evttype):} …) on stderr as they come; {@code Skipping rule …} on stdout for a rule skipped by
 * {@code skip-if-unknown-filter}.</li>
 * <li>Lanner's lines, on stderr: each error with its {@code file:line:column}, and the warnings
 * Falco 0.30 did not give.</li>
 * </ul>
 */
final class RulesReport {

    /** Warnings Falco printed on stderr as it found them rather than in its warnings block. */
    private static final Set<String> PRINTED_AT_ONCE = Set.of("no-evttype", "trailing-evttype");

    /** Warnings Falco only knew after a load that succeeded. */
    private static final Set<String> AFTER_SUCCESS = Set.of("unused-macro", "unused-list");

    private final Console console;
    private final boolean verbose;
    /** Falco texts already printed, so a load repeated for a longer list of files does not repeat them. */
    private final Set<String> printed = new java.util.HashSet<>();

    RulesReport(Console console, boolean verbose) {
        this.console = console;
        this.verbose = verbose;
    }

    /**
     * Everything a load says while loading: the event type warnings, the skipped rules, Lanner's own
     * warnings, the errors with their position; with {@code -v}, when it succeeded, Falco's warnings block.
     */
    void loaded(LoadResult r) {
        for (Problem p : r.warnings()) {
            if (PRINTED_AT_ONCE.contains(p.code())) {
                if (printed.add(p.falcoText())) {
                    console.err.println(p.falcoText());
                }
            } else if (p.code().equals("unknown-filter-skipped")) {
                if (printed.add(p.falcoText())) {
                    console.out.println("Skipping " + p.falcoText());
                }
            } else if (!p.inFalco() && printed.add(p.toString())) {
                console.info("warning: " + p);
            }
        }
        console.err.flush();
        console.out.flush();
        for (Problem p : r.errors()) {
            console.error("error: " + p);
        }
        if (r.ok() && verbose) {
            String warnings = warnings(r, false);
            if (!warnings.isEmpty() && printed.add(warnings)) {
                console.err.print("When reading rules content: " + warnings);
                console.err.flush();
            }
        }
    }

    /**
     * Falco's text of a load that failed: its errors, then the warnings found before them. Falco stopped at
     * the first error of a file; Lanner lists every error it has Falco's words for (all of them when none).
     */
    static String failure(LoadResult r) {
        List<Problem> errors = new ArrayList<>(r.errors().stream().filter(Problem::inFalco).toList());
        if (errors.isEmpty()) {
            errors.addAll(r.errors());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(" errors:\n");
        for (Problem p : errors) {
            sb.append(p.falcoBlock()).append('\n');
        }
        return sb.append(warnings(r, true)).toString();
    }

    /** The file of the first error Falco would have named, for "Could not load rules file F". */
    static String failedFile(LoadResult r, String fallback) {
        return r.errors().stream().filter(p -> p.inFalco() && !p.file().isEmpty()).map(Problem::file).findFirst()
                .or(() -> r.errors().stream().map(Problem::file).filter(f -> !f.isEmpty()).findFirst()).orElse(fallback);
    }

    private static String warnings(LoadResult r, boolean failed) {
        List<Problem> list = r.warnings().stream().filter(p -> p.inFalco() && !PRINTED_AT_ONCE.contains(p.code()))
                .filter(p -> !failed || !AFTER_SUCCESS.contains(p.code())).toList();
        if (list.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(list.size()).append(" warnings:\n");
        for (Problem p : list) {
            sb.append(p.falcoBlock()).append('\n');
        }
        return sb.toString();
    }
}
