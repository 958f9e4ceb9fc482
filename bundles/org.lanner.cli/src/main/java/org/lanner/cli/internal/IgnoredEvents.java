package org.lanner.cli.internal;

import java.util.TreeSet;

import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;

/** {@code -i}: the events skipped unless {@code -A} is given (flag DROP_SIMPLE_CONS), as Falco lists them. */
final class IgnoredEvents {

    private IgnoredEvents() {
    }

    static String line() {
        TreeSet<String> names = new TreeSet<>();
        for (EventInfo e : EventTable.all()) {
            if (e.has(EventFlags.DROP_SIMPLE_CONS) && !e.name().startsWith("NA")) {
                names.add(e.name());
            }
        }
        StringBuilder sb = new StringBuilder("Ignored Event(s):");
        names.forEach(n -> sb.append(' ').append(n));
        return sb.toString();
    }
}
