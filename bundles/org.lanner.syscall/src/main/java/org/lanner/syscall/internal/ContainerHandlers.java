package org.lanner.syscall.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lanner.api.event.Event;

/**
 * The container table and what changes it (libsinsp's container manager as its parser drives it):
 * the container a thread runs in, found from its cgroups, with the placeholder libsinsp records for
 * it; the category of a thread (container init, health probe); and the container events of a
 * capture. Lanes read the table through the immutable map of {@link #table()}.
 */
final class ContainerHandlers {

    private final ThreadTable threads;
    private volatile Map<String, Container> containers = Map.of();
    /** Container events whose JSON did not parse (skipped, hidden from rules). */
    private long malformed;
    /** The first of them: its number and why. */
    private String firstMalformed;

    ContainerHandlers(ThreadTable threads) {
        this.threads = threads;
    }

    /** The containers known so far, by id (replaced, never modified). */
    Map<String, Container> table() {
        return containers;
    }

    /** Container events skipped because their JSON did not parse. */
    long malformed() {
        return malformed;
    }

    /** The first of them (its number and why), null when there was none. */
    String firstMalformed() {
        return firstMalformed;
    }

    /** libsinsp's resolve_container: the container id from the cgroups, and the placeholder it records. */
    void resolveContainer(ThreadInfo.Builder b) {
        b.containerId = "";
        ContainerDetector.Detection d = ContainerDetector.detect(b.cgroups, b.env);
        if (d != null) {
            b.containerId = d.id();
            if (d.placeholder() != null && !containers.containsKey(d.id())) {
                addContainer(d.placeholder());
            }
        }
        b.category = category(b);
    }

    private void addContainer(Container c) {
        Map<String, Container> m = new HashMap<>(containers);
        m.put(c.id, c);
        containers = Map.copyOf(m);
    }

    /** libsinsp's identify_category: container init, health probes. */
    private int category(ThreadInfo.Builder b) {
        if (b.containerId.isEmpty()) {
            return b.category;
        }
        if (b.vpid == 1) {
            return ThreadInfo.CAT_CONTAINER;
        }
        TidSlot p = threads.find(b.ptid);
        ThreadInfo pt = p == null ? null : p.live();
        if (pt != null && pt.category != ThreadInfo.CAT_NONE) {
            return pt.category;
        }
        Container c = containers.get(b.containerId);
        if (c == null || !c.successful) {
            return b.category;
        }
        Container.Probe probe = null;
        for (Container.Probe pr : c.probes) {
            if (pr.exe().equals(b.exe) && pr.args().equals(List.of(b.args))) {
                probe = pr;
                break;
            }
        }
        if (probe == null) {
            return b.category;
        }
        // a probe process is one not started under the container's init
        ThreadInfo a = pt;
        int guard = 0;
        while (a != null && a.tid != -1 && guard++ < 1024) {
            if (a.vpid == 1 && !a.containerId.isEmpty()) {
                return b.category;
            }
            TidSlot n = threads.find(a.ptid);
            ThreadInfo next = n == null ? null : n.live();
            if (next == a) {
                break;
            }
            a = next;
        }
        return probe.category();
    }

    /** libsinsp's parse_container_evt: a container event of old captures (id, type, name, image). */
    void oldContainerEvent(Event e) {
        addContainer(new Container(Params.str(e, 0), "", Params.u32(e, 1), Params.str(e, 2), Params.str(e, 3), "", "", "", "",
                false, List.of(), 0, true, List.of()));
    }

    /**
     * libsinsp's parse_container_json_evt: adds the container, and gives the event the thread
     * libsinsp builds for it; a container whose lookup failed hides the event from rules.
     */
    void containerJsonEvent(ParsedEvent ev, Event e) {
        Container c;
        try {
            c = Container.fromJson(Params.str(e, 0));
        } catch (IllegalArgumentException ex) {
            // libsinsp stops the capture here; we skip the event, and count it so that the run says so
            if (malformed++ == 0) {
                firstMalformed = "event " + ev.num + ": container event skipped: its JSON is malformed: " + ex.getMessage();
            }
            ev.filteredOut = true;
            return;
        }
        if (!c.successful) {
            ev.filteredOut = true;
        }
        ThreadInfo.Builder b = new ThreadInfo.Builder();
        b.tid = -1;
        b.pid = -1;
        // libsinsp leaves the parent and the ids of this thread uninitialised (sysdig prints whatever
        // the memory held); we say "none": no parent, no user, no group
        b.ptid = -1;
        b.uid = -1;
        b.gid = -1;
        b.vtid = -2;
        b.vpid = -2;
        b.comm = "container:" + c.id;
        b.containerId = c.id;
        ev.synthetic = b.build(ev.num);
        addContainer(c);
    }
}
