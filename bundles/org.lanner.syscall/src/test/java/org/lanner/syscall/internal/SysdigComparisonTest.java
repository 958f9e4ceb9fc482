package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.source.SourceException;
import org.lanner.test.SharedData;

/**
 * Every event of every shared capture, field by field, against Debian's sysdig: the values Lanner
 * computes must be the ones libsinsp computes. Differences that are understood and accepted are
 * recognised by {@link #accepted} with their reason; anything else fails the test.
 */
class SysdigComparisonTest {

    /**
     * Field references with an argument compared on every event, beside every field without one.
     * {@code evt.rawarg.fd} and {@code evt.rawarg.flags} are left out: libsinsp cannot print fd-
     * and flag-typed raw values and sysdig stops the capture ("wrong event type 14") where Lanner
     * prints the number.
     */
    static final List<String> WITH_ARGUMENTS = List.of("proc.aname[0]", "proc.aname[1]", "proc.aname[2]", "proc.aname[5]",
            "proc.apid[0]", "proc.apid[1]", "proc.apid[3]", "evt.arg.fd", "evt.arg.res", "evt.arg.name", "evt.arg.flags",
            "evt.arg.path", "evt.arg.tuple", "evt.arg.data", "evt.arg.size", "evt.arg.mode", "evt.arg.dirfd",
            "evt.arg.filename", "evt.arg.args", "evt.arg.pid", "evt.arg.ptid", "evt.arg.cwd", "evt.arg.uid", "evt.arg[0]",
            "evt.arg[1]", "evt.arg[2]", "evt.rawarg.res", "evt.rawarg.size", "evt.rawarg.name",
            "evt.abspath", "evt.abspath.src", "evt.abspath.dst",
            "thread.cgroup.cpuset", "thread.cgroup.memory", "container.mount[0]", "container.mount.source[0]",
            "container.mount.dest[/tmp]", "container.mount.mode[0]", "container.mount.rdwr[0]",
            "container.mount.propagation[0]");

    /** Fields left out of the comparison, with the reason. */
    static final Map<String, String> NOT_COMPARED = Map.of(
            "evt.num", "the key of the comparison",
            "thread.totexectime", "sysdig stops on container events (\"invalid thread state\"): compared without them "
                    + "by execTimesMatchSysdig",
            "evt.type.is", "sysdig cannot print it (it prints nothing or <NA> followed by the name); its filters are "
                    + "compared in SysdigFilterTest",
            "evt.source", "Debian's sysdig (0.29) predates it; RunsTest checks it");

    /**
     * The fields compared on every event: every field the classes declare that takes no argument
     * and can be printed, and the references of {@link #WITH_ARGUMENTS}.
     */
    static final List<String> FIELDS = fields();

    static List<String> fields() {
        List<String> out = new ArrayList<>(List.of("evt.type"));
        for (FieldExtractor x : Fields.CLASSES) {
            for (FieldInfo f : x.fields()) {
                if (f.argument() == ArgKind.NONE && !f.has(FieldFlag.FILTER_ONLY) && !out.contains(f.name())
                        && !NOT_COMPARED.containsKey(f.name())) {
                    out.add(f.name());
                }
            }
        }
        out.addAll(WITH_ARGUMENTS);
        return List.copyOf(out);
    }

    /**
     * Fields of the thread libsinsp makes up for a container event that it leaves uninitialised:
     * sysdig prints whatever its memory held; Lanner says "none" (no parent, no user, no group).
     */
    static final List<String> UNINITIALISED_ON_CONTAINER_EVENTS = List.of("proc.ppid", "user.uid", "user.name",
            "user.loginuid", "user.homedir", "user.shell", "user.loginname", "group.gid", "group.name", "proc.pname",
            "proc.pcmdline", "proc.aname[0]", "proc.aname[1]", "proc.aname[2]", "proc.aname[5]", "proc.apid[0]",
            "proc.apid[1]", "proc.apid[3]", "proc.is_exe_writable");

    /**
     * Why a difference between sysdig's value and ours is accepted, or null when it is not. Each
     * case is a libsinsp defect whose output depends on memory contents or on the formatter's own
     * history, not on the capture.
     */
    static String accepted(String capture, String field, Map<String, String> row, String sysdig, String ours) {
        if ("container".equals(row.get("evt.type")) && UNINITIALISED_ON_CONTAINER_EVENTS.contains(field)) {
            return "libsinsp leaves these fields of the container event's made-up thread uninitialised";
        }
        switch (field) {
            case "group.gid":
                // the field is declared 64-bit but the gid is 32-bit: libsinsp prints 4 bytes of whatever follows
                if (sysdig.matches("\\d+") && Long.toString(Long.parseLong(sysdig) & 0xffffffffL).equals(ours)) {
                    return "libsinsp reads 8 bytes of a 4-byte gid";
                }
                return null;
            case "proc.is_exe_writable":
                // set only from a process list or an execve with the flags parameter; threads made by the
                // child's side of a clone, by a clone of an unknown parent or for an unknown tid keep garbage
                return "true".equals(sysdig) && "false".equals(ours) ? "libsinsp leaves the flag uninitialised" : null;
            case "fd.dev":
            case "fd.dev.major":
            case "fd.dev.minor": {
                // only files opened during the capture and files of the process list have a device
                String type = row.get("fd.type");
                return !"file".equals(type) && !"directory".equals(type) && "0".equals(ours)
                        ? "libsinsp leaves the device of other fds uninitialised" : null;
            }
            case "evt.deltatime":
            case "evt.deltatime.ns":
                // each section of a concatenated capture is parsed by a new session (its own snapshot)
                return capture.endsWith("concatenated.scap") && ours.matches("0+")
                        ? "a new section starts a new session; sysdig measures across sections" : null;
            case "evt.latency.human":
                // without a thread libsinsp prints the text it computed for the previous event it printed
                return ours.isEmpty() ? "libsinsp prints a stale buffer for events without a thread" : null;
            default:
                if (field.startsWith("evt.rawarg.") && ">".equals(row.get("evt.dir")) && "<NA>".equals(sysdig)) {
                    return "sysdig prints no raw argument of enter events (its filters do match them)";
                }
                return null;
        }
    }

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
        compare(capture, FIELDS, null);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void execTimesMatchSysdig(String capture) throws Exception {
        compare(capture, List.of("evt.type", "evt.dir", "thread.exectime", "thread.totexectime"), "evt.type!=container");
    }

    /** Compares {@code fields} on every event sysdig prints with {@code filter} (null: every event). */
    private static void compare(String capture, List<String> fields, String filter) throws Exception {
        Path file = SharedData.require(capture);
        Sysdig.Output sysdig = Sysdig.run(file, fields, filter);
        Map<Long, String[]> expected = new TreeMap<>(sysdig.values());
        int printed = Sysdig.values(file, List.of("evt.type"), filter).size();
        assertThat(expected).as("sysdig stopped early with %d fields (a field it cannot print?)", fields.size())
                .hasSize(printed);
        // plugin events come from the plugin source, not from this parser
        expected.values().removeIf(v -> "pluginevent".equals(v[0]));
        List<FieldAccessor> accessors = new ArrayList<>();
        for (String f : fields) {
            accessors.add(Fields.bind(f));
        }
        Map<Long, String[]> actual = new TreeMap<>();
        ValueHolder h = new ValueHolder();
        try {
            Replay.run(file, 256, (e, session) -> {
                if (!expected.containsKey(e.number())) {
                    return;
                }
                String[] vals = new String[fields.size()];
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
        Map<String, List<String>> diffs = new TreeMap<>();
        Map<String, Integer> valued = new TreeMap<>();
        Map<String, Integer> excused = new TreeMap<>();
        Map<String, String> row = new HashMap<>();
        int compared = 0;
        for (Map.Entry<Long, String[]> x : expected.entrySet()) {
            String[] ours = actual.get(x.getKey());
            if (ours == null) {
                diffs.computeIfAbsent("(event missing)", k -> new ArrayList<>()).add("#" + x.getKey());
                continue;
            }
            compared++;
            row.clear();
            for (int i = 0; i < fields.size(); i++) {
                row.put(fields.get(i), x.getValue()[i]);
            }
            for (int i = 0; i < fields.size(); i++) {
                String field = fields.get(i);
                String theirs = x.getValue()[i];
                if (!"<NA>".equals(theirs)) {
                    valued.merge(field, 1, Integer::sum);
                }
                if (theirs.equals(ours[i])) {
                    continue;
                }
                if (accepted(capture, field, row, theirs, ours[i]) != null) {
                    excused.merge(field, 1, Integer::sum);
                    continue;
                }
                diffs.computeIfAbsent(field, k -> new ArrayList<>())
                        .add("#" + x.getKey() + " " + row.get("evt.type") + ": sysdig [" + theirs + "] lanner [" + ours[i] + "]");
            }
        }
        StringBuilder report = new StringBuilder();
        diffs.forEach((f, l) -> {
            report.append(f).append(": ").append(l.size()).append(" events differ\n");
            l.stream().limit(5).forEach(d -> report.append("    ").append(d).append('\n'));
        });
        System.out.println(capture + ": " + compared + " events x " + fields.size() + " fields compared, "
                + diffs.size() + " fields differ; accepted differences " + excused + "; fields with a value in some event: "
                + valued.size());
        assertThat(diffs).as(report.toString()).isEmpty();
    }
}
