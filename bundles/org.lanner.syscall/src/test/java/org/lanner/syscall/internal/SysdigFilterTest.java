package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanner.api.event.EventBatch;
import org.lanner.api.syscall.table.EventCategory;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.table.IndexKeys;
import org.lanner.filter.ConditionParser;
import org.lanner.filter.EvalContext;
import org.lanner.filter.FieldBinding;
import org.lanner.filter.FieldSlots;
import org.lanner.filter.Filter;
import org.lanner.filter.FilterCompiler;
import org.lanner.filter.FilterException;
import org.lanner.test.SharedData;

/**
 * Conditions compiled by the rules library over our fields select, on every shared Falco trace,
 * the events sysdig's filters select. The conditions avoid the set-valued fields (fd.ip, fd.port,
 * fd.net, proc.aname without index) until the filter library implements their multiplicity, and
 * group.gid, which sysdig reads beyond its 4 bytes (garbage in the high half).
 */
class SysdigFilterTest {

    static final List<String> CONDITIONS = List.of(
            "evt.type=open and fd.name contains /etc",
            "evt.type in (open, openat) and evt.is_open_read=true",
            "proc.name=cat",
            "container.id!=host",
            "container.image.repository=nginx",
            "evt.dir=< and evt.failed=true",
            "evt.res!=SUCCESS",
            "user.name=root and proc.pname=bash",
            "proc.aname[2]=bash or proc.apid[1]=1",
            "fd.l4proto=tcp",
            "fd.typechar=4 and fd.sport=80",
            "fd.sip=127.0.0.1",
            "fd.snet=127.0.0.0/8",
            "fd.directory=/etc",
            "fd.name glob /etc/*",
            "fd.num>=0 and fd.type=file",
            "evt.type.is.open=1",
            "evt.rawarg.size>100",
            "evt.arg.flags contains O_CREAT",
            "evt.buffer contains ELF",
            "proc.cmdline contains \"sh -c\"",
            "proc.exepath endswith /bash",
            "thread.ismain=false",
            "proc.cwd startswith /root",
            "evt.category=net and not evt.type in (sendto, recvfrom)",
            "syscall.type exists and evt.category=process",
            // libsinsp leaves the user of a container event's made-up thread uninitialised
            "user.uid<1000 and group.name=root and evt.type!=container",
            "evt.type=execve and evt.dir=<",
            "fd.type in (ipv4, unix) and evt.is_io=true",
            "proc.name in (nginx, bash, sh, ls, docker-runc)",
            "container.privileged=true",
            "container.name startswith e and proc.tty!=0",
            "fd.name pmatch (/etc, /usr/lib)",
            "evt.latency>100000",
            "proc.vpid!=1 and proc.sid=proc.vpgid");

    static Stream<String> captures() {
        Path root = SharedData.root();
        if (root == null) {
            return Stream.of("traces/falco-0.30.0/cat_write.scap");
        }
        return SysdigComparisonTest.captures().filter(c -> c.startsWith("traces/"));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void conditionsSelectTheEventsSysdigSelects(String capture) throws Exception {
        Path file = SharedData.require(capture);
        FieldSlots slots = new FieldSlots();
        List<Filter> filters = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (String c : CONDITIONS) {
            try {
                filters.add(FilterCompiler.compile(ConditionParser.parse(c), ref -> {
                    try {
                        return new FieldBinding(Fields.bind(ref.text()), slots.slot(ref.text()));
                    } catch (Exception e) {
                        throw new FilterException(ref.position(), e.getMessage());
                    }
                }));
                conditions.add(c);
            } catch (FilterException e) {
                // comparing two fields is not a Falco 0.30 condition; anything else must compile
                assertThat(c).as("%s: %s", c, e.getMessage()).matches(".*=(proc|thread)\\.\\w+$");
            }
        }
        List<TreeSet<Long>> ours = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            ours.add(new TreeSet<>());
        }
        EvalContext ctx = slots.newContext();
        Replay.run(file, 256, (e, session) -> {
            // sysdig shows no internal event (procinfo, container…) when it filters
            EventInfo info = EventTable.info(e.type());
            if ((e.flags() & EventBatch.FLAG_STATE_ONLY) != 0 || info == null
                    || info.category() == EventCategory.INTERNAL) {
                return;
            }
            for (int i = 0; i < filters.size(); i++) {
                Filter f = filters.get(i);
                BitSet types = f.eventTypes();
                if ((types == null || types.get(IndexKeys.of(e))) && f.matches(e, ctx)) {
                    ours.get(i).add(e.number());
                }
            }
        });
        List<String> differ = new ArrayList<>();
        int selected = 0;
        for (int i = 0; i < filters.size(); i++) {
            Map<Long, String[]> theirs = Sysdig.values(file, List.of("evt.type"), conditions.get(i));
            TreeSet<Long> expected = new TreeSet<>(theirs.keySet());
            selected += expected.size();
            if (!expected.equals(ours.get(i))) {
                TreeSet<Long> missing = new TreeSet<>(expected);
                missing.removeAll(ours.get(i));
                TreeSet<Long> extra = new TreeSet<>(ours.get(i));
                extra.removeAll(expected);
                differ.add(conditions.get(i) + ": sysdig " + expected.size() + ", lanner " + ours.get(i).size()
                        + "; only sysdig " + head(missing) + "; only lanner " + head(extra));
            }
        }
        System.out.println(capture + ": " + conditions.size() + " conditions, " + selected + " events selected by sysdig, "
                + differ.size() + " conditions differ");
        assertThat(differ).isEmpty();
    }

    private static String head(TreeSet<Long> s) {
        return s.stream().limit(8).toList().toString();
    }
}
