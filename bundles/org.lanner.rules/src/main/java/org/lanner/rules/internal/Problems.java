package org.lanner.rules.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.lanner.api.engine.Problem;

/** The errors and warnings of one load, in the order found, without duplicates. */
public final class Problems {

    /**
     * What Falco 0.30 says about a problem.
     *
     * @param code the kind of problem ({@code no-evttype}…), or empty
     * @param text Falco's message, or empty when Falco has no such problem
     * @param context the YAML item(s) Falco shows with it, or empty
     */
    public record Falco(String code, String text, String context) {

        /** A problem Falco does not report. */
        public static final Falco NONE = new Falco("", "", "");

        /** Falco's message with the item it quotes. */
        public static Falco said(String text, String context) {
            return new Falco("", text, context);
        }

        /** The same, with a code. */
        public Falco code(String c) {
            return new Falco(c, text, context);
        }
    }

    private final List<Problem> list = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private boolean errors;

    public void error(Loc loc, String kind, String name, String message) {
        add(Problem.Severity.ERROR, loc, kind, name, message, Falco.NONE);
    }

    public void error(Loc loc, String kind, String name, String message, Falco falco) {
        add(Problem.Severity.ERROR, loc, kind, name, message, falco);
    }

    public void warning(Loc loc, String kind, String name, String message) {
        add(Problem.Severity.WARNING, loc, kind, name, message, Falco.NONE);
    }

    public void warning(Loc loc, String kind, String name, String message, Falco falco) {
        add(Problem.Severity.WARNING, loc, kind, name, message, falco);
    }

    private void add(Problem.Severity severity, Loc loc, String kind, String name, String message, Falco falco) {
        // one report per place and message: a bad macro used by many rules is reported once
        String key = severity + "|" + loc + "|" + message;
        if (!seen.add(key)) {
            return;
        }
        if (severity == Problem.Severity.ERROR) {
            errors = true;
        }
        list.add(new Problem(severity, loc.file(), loc.line(), loc.column(), kind, name, message, falco.code(), falco.text(),
                falco.context()));
    }

    public boolean hasErrors() {
        return errors;
    }

    public List<Problem> list() {
        return List.copyOf(list);
    }
}
