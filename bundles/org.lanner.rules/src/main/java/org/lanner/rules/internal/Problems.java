package org.lanner.rules.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.lanner.api.engine.Problem;

/** The errors and warnings of one load, in the order found, without duplicates. */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private boolean errors;

    public void error(Loc loc, String kind, String name, String message) {
        add(Problem.Severity.ERROR, loc, kind, name, message);
    }

    public void warning(Loc loc, String kind, String name, String message) {
        add(Problem.Severity.WARNING, loc, kind, name, message);
    }

    private void add(Problem.Severity severity, Loc loc, String kind, String name, String message) {
        // one report per place and message: a bad macro used by many rules is reported once
        String key = severity + "|" + loc + "|" + message;
        if (!seen.add(key)) {
            return;
        }
        if (severity == Problem.Severity.ERROR) {
            errors = true;
        }
        list.add(new Problem(severity, loc.file(), loc.line(), loc.column(), kind, name, message));
    }

    public boolean hasErrors() {
        return errors;
    }

    public List<Problem> list() {
        return List.copyOf(list);
    }
}
