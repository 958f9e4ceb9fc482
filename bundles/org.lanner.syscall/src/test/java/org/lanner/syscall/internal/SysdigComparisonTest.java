package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.source.SourceException;
import org.lanner.test.SharedData;

/**
 * Every event of every shared capture, field by field, against Debian's sysdig: the values Lanner
 * computes must be the ones libsinsp computes. Differences that are understood and accepted are
 * listed in {@link #KNOWN} with their reason; anything else fails the test.
 */
class SysdigComparisonTest {

    /** The fields compared on every event. */
    static final List<String> FIELDS = List.of("evt.type", "evt.dir", "thread.tid", "proc.name", "proc.pid", "proc.ppid",
            "proc.pname", "proc.aname[2]", "proc.apid[1]", "proc.cmdline", "proc.exe", "proc.exepath", "proc.cwd",
            "proc.sid", "proc.vpgid", "proc.tty", "proc.vpid", "thread.vtid", "proc.nthreads", "proc.loginshellid",
            "user.name", "user.uid", "user.loginuid", "group.name", "fd.num", "fd.name", "fd.type", "fd.typechar",
            "fd.directory", "fd.filename", "fd.sip", "fd.sport", "fd.cip", "fd.cport", "fd.lip", "fd.rport", "fd.l4proto",
            "fd.is_server", "fd.connected", "evt.res", "evt.rawres", "evt.failed", "evt.args", "evt.category", "evt.cpu",
            "evt.latency", "evt.is_open_read", "evt.arg.flags", "evt.arg.name", "syscall.type", "container.id",
            "container.name", "container.image", "container.type", "container.privileged", "container.image.repository",
            "container.mounts", "evt.rawtime", "evt.time.iso8601", "proc.fdopencount", "proc.vmsize", "thread.ismain");

    /** Accepted differences: "field" or "capture:field" → reason. */
    static final Map<String, String> KNOWN = new LinkedHashMap<>();

    /**
     * Fields of the thread libsinsp makes up for a container event that it leaves uninitialised:
     * sysdig prints whatever its memory held; Lanner says "none" (no parent, no user, no group).
     */
    static final List<String> UNINITIALISED_ON_CONTAINER_EVENTS = List.of("proc.ppid", "user.uid", "user.name",
            "user.loginuid", "group.name", "proc.pname", "proc.aname[2]", "proc.apid[1]");

    static Stream<String> captures() {
        Path root = SharedData.root();
        if (root == null) {
            return Stream.of("traces/falco-0.30.0/cat_write.scap");
        }
        List<String> out = new ArrayList<>();
        for (String dir : List.of("traces/falco-0.30.0", "traces/falco-0.30.0/psp", "spec/captures")) {
            try (Stream<Path> s = Files.list(root.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".scap")).sorted()
                        .forEach(p -> out.add(root.relativize(p).toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyEventMatchesSysdig(String capture) throws Exception {
        Path file = SharedData.require(capture);
        Sysdig.Output sysdig = Sysdig.run(file, FIELDS, null);
        Map<Long, String[]> expected = new TreeMap<>(sysdig.values());
        // plugin events come from the plugin source, not from this parser
        expected.values().removeIf(v -> "pluginevent".equals(v[0]));
        List<FieldAccessor> accessors = new ArrayList<>();
        for (String f : FIELDS) {
            accessors.add(Fields.bind(f));
        }
        Map<Long, String[]> actual = new TreeMap<>();
        ValueHolder h = new ValueHolder();
        try {
            Replay.run(file, 256, (e, session) -> {
                if (!expected.containsKey(e.number())) {
                    return;
                }
                String[] vals = new String[FIELDS.size()];
                for (int i = 0; i < vals.length; i++) {
                    vals[i] = Fields.text(accessors.get(i), e, h);
                }
                actual.put(e.number(), vals);
            });
        } catch (SourceException e) {
            // a damaged capture: sysdig must have stopped on it too; the events before the damage compare
            assertThat(sysdig.failed()).as("the reader rejects %s (%s) but sysdig reads it", capture, e.getMessage())
                    .isTrue();
        }
        String name = Path.of(capture).getFileName().toString();
        Map<String, List<String>> diffs = new TreeMap<>();
        Map<String, Integer> valued = new TreeMap<>();
        int compared = 0;
        for (Map.Entry<Long, String[]> x : expected.entrySet()) {
            String[] ours = actual.get(x.getKey());
            if (ours == null) {
                diffs.computeIfAbsent("(event missing)", k -> new ArrayList<>()).add("#" + x.getKey());
                continue;
            }
            compared++;
            for (int i = 0; i < FIELDS.size(); i++) {
                String field = FIELDS.get(i);
                if (!"<NA>".equals(x.getValue()[i])) {
                    valued.merge(field, 1, Integer::sum);
                }
                if (KNOWN.containsKey(field) || KNOWN.containsKey(name + ":" + field)) {
                    continue;
                }
                if ("container".equals(x.getValue()[0]) && UNINITIALISED_ON_CONTAINER_EVENTS.contains(field)) {
                    continue;
                }
                if (!x.getValue()[i].equals(ours[i])) {
                    diffs.computeIfAbsent(field, k -> new ArrayList<>())
                            .add("#" + x.getKey() + " " + x.getValue()[0] + ": sysdig [" + x.getValue()[i] + "] lanner [" + ours[i] + "]");
                }
            }
        }
        StringBuilder report = new StringBuilder();
        diffs.forEach((f, l) -> {
            report.append(f).append(": ").append(l.size()).append(" events differ\n");
            l.stream().limit(5).forEach(d -> report.append("    ").append(d).append('\n'));
        });
        System.out.println(capture + ": " + compared + " events x " + FIELDS.size() + " fields compared, "
                + diffs.size() + " fields differ; events with a value per field: " + valued);
        assertThat(diffs).as(report.toString()).isEmpty();
    }
}
