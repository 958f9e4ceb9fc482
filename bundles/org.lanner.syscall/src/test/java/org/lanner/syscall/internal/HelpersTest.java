package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.table.IndexKeys;
import org.lanner.api.syscall.SystemSnapshot;

/** The building blocks: path resolution, flag names, addresses, container ids, tables, type indexing, allocation. */
class HelpersTest {

    @Test
    void pathsResolveLikeLibsinsp() {
        assertThat(Paths.resolve("/home/alice/", "notes.txt", Paths.MAX_PATH)).isEqualTo("/home/alice/notes.txt");
        assertThat(Paths.resolve("/home/alice/", "../bob/./x", Paths.MAX_PATH)).isEqualTo("/home/bob/x");
        assertThat(Paths.resolve("/home/alice/", "/etc//passwd", Paths.MAX_PATH)).isEqualTo("/etc/passwd");
        assertThat(Paths.resolve("/", "../../..", Paths.MAX_PATH)).isEqualTo("/");
        assertThat(Paths.resolve("/tmp/", "a/b/../c/", Paths.MAX_PATH)).isEqualTo("/tmp/a/c");
        // libsinsp gives up on paths longer than its buffer
        assertThat(Paths.resolve("/tmp/", "x".repeat(1100), Paths.MAX_PATH)).isEqualTo(Paths.TOO_LONG);
    }

    @Test
    void flagsAreNamedLikeLibsinsp() {
        FlagTable file = FlagTables.get("file_flags");
        long rdonly = file.valueOf("O_RDONLY");
        long cloexec = file.valueOf("O_CLOEXEC");
        long rdwr = file.valueOf("O_RDWR");
        long creat = file.valueOf("O_CREAT");
        assertThat(file.names(rdonly | cloexec)).isEqualTo("O_RDONLY|O_CLOEXEC");
        // O_RDWR covers O_RDONLY and O_WRONLY: it is named alone
        assertThat(file.names(rdwr | creat)).isEqualTo("O_CREAT|O_RDWR");
        assertThat(file.names(0)).isEqualTo("O_NONE");
        FlagTable families = FlagTables.get("socket_families");
        assertThat(families.exactNames(2)).isEqualTo("AF_INET");
        assertThat(families.exactNames(1)).isEqualTo("AF_LOCAL|AF_UNIX");
        assertThat(families.exactNames(9999)).isEmpty();
    }

    @Test
    void addressesPrintLikeInetNtop() {
        assertThat(NetFormat.ipv4(NetFormat.ipv4Raw(new byte[] {10, 0, 0, 1}, 0))).isEqualTo("10.0.0.1");
        byte[] v6 = new byte[16];
        v6[15] = 1;
        assertThat(NetFormat.ipv6(v6, 0)).isEqualTo("::1");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, (byte) 168, 1, 2};
        assertThat(NetFormat.ipv6(mapped, 0)).isEqualTo("::ffff:192.168.1.2");
        byte[] doc = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1};
        assertThat(NetFormat.ipv6(doc, 0)).isEqualTo("2001:db8::1:0:0:1");
    }

    @Test
    void containerIdsFromCgroups() {
        String id = "4b2b5c1a8e7f4b2b5c1a8e7f4b2b5c1a8e7f4b2b5c1a8e7f4b2b5c1a8e7f0123";
        assertThat(detect("cpu=/docker/" + id).id()).isEqualTo(id.substring(0, 12));
        assertThat(detect("cpu=/system.slice/docker-" + id + ".scope").id()).isEqualTo(id.substring(0, 12));
        assertThat(detect("cpu=/machine.slice/libpod-" + id + ".scope").id()).isEqualTo(id.substring(0, 12));
        assertThat(detect("cpu=/kubepods/besteffort/pod1/crio-" + id + ".scope").id()).isEqualTo(id.substring(0, 12));
        assertThat(detect("cpu=/kubepods/burstable/pod1/cri-containerd-" + id + ".scope").id())
                .isEqualTo(id.substring(0, 12));
        assertThat(detect("cpu=/lxc/web1").id()).isEqualTo("web1");
        assertThat(detect("cpu=/user.slice")).isNull();
        assertThat(detect("cpu=/docker/not-an-id")).isNull();
    }

    private static ContainerDetector.Detection detect(String cgroup) {
        return ContainerDetector.detect(Params.cgroups(new String[] {cgroup}), new String[0]);
    }

    @Test
    void fdTablesArePersistent() {
        FdInfo a = FdInfo.builder().build();
        FdTable t1 = FdTable.EMPTY.put(3, a);
        FdTable t2 = t1.put(70000, a).put(4, a);
        FdTable t3 = t2.remove(3);
        assertThat(t1.size()).isEqualTo(1);
        assertThat(t2.size()).isEqualTo(3);
        assertThat(t3.size()).isEqualTo(2);
        assertThat(t1.get(4)).isNull();
        assertThat(t2.get(3)).isSameAs(a);
        assertThat(t3.get(3)).isNull();
        assertThat(t3.get(70000)).isSameAs(a);
    }

    @Test
    void tidMapFindsAndForgets() {
        TidMap m = new TidMap();
        for (long tid = 1; tid <= 5000; tid++) {
            m.put(new TidSlot(tid));
        }
        assertThat(m.size()).isEqualTo(5000);
        assertThat(m.get(4321).tid).isEqualTo(4321);
        for (long tid = 1; tid <= 5000; tid += 2) {
            m.remove(m.get(tid));
        }
        assertThat(m.size()).isEqualTo(2500);
        assertThat(m.get(4321)).isNull();
        assertThat(m.get(4322).tid).isEqualTo(4322);
    }

    @Test
    void evtTypeNamesTheTypesAComparisonCanMatch() throws Exception {
        FieldAccessor type = Fields.bind("evt.type");
        BitSet open = type.eventTypes("=", List.of("open"));
        assertThat(open.get(Ppme.SYSCALL_OPEN_E)).isTrue();
        assertThat(open.get(Ppme.SYSCALL_OPEN_X)).isTrue();
        assertThat(open.get(Ppme.SYSCALL_OPENAT_2_E)).isFalse();
        BitSet in = type.eventTypes("in", List.of("openat", "execve"));
        assertThat(in.get(Ppme.SYSCALL_OPENAT_E)).isTrue();
        assertThat(in.get(Ppme.SYSCALL_OPENAT_2_X)).isTrue();
        assertThat(in.get(Ppme.SYSCALL_EXECVE_19_X)).isTrue();
        assertThat(in.get(Ppme.SYSCALL_EXECVE_8_X)).as("old versions too").isTrue();
        assertThat(in.get(Ppme.SYSCALL_OPEN_E)).isFalse();
        // a system call without its own event is a generic event: keyed by the call
        BitSet generic = type.eventTypes("=", List.of("getdents"));
        int getdents = java.util.stream.IntStream.range(0, EventTable.syscallCount())
                .filter(c -> EventTable.syscallName(c).equals("getdents")).findFirst().orElseThrow();
        assertThat(generic.get(IndexKeys.generic(getdents, false))).isTrue();
        assertThat(generic.get(IndexKeys.generic(getdents, true))).isTrue();
        assertThat(generic.get(Ppme.GENERIC_E)).as("not every generic event").isFalse();
        assertThat(IndexKeys.eventTypes(generic).get(Ppme.GENERIC_X)).as("what a capture may carry").isTrue();
        assertThat(new SyscallPolicy(org.lanner.test.Configs.of(SyscallPolicy.Config.class, java.util.Map.of())).keySpace())
                .as("the policy's key space holds every key").isEqualTo(IndexKeys.MAX);
        assertThat(IndexKeys.liveEventTypes(generic).get(Ppme.GENERIC_X))
                .as("getdents has events of its own: the live driver never sends it as generic").isFalse();
        assertThat(IndexKeys.liveEventTypes(type.eventTypes("=", List.of("getpid"))).get(Ppme.GENERIC_X))
                .as("getpid only exists as a generic event").isTrue();
        // the direction restricts to enter or exit types (keys keep it in their parity)
        BitSet exits = Fields.bind("evt.dir").eventTypes("=", List.of("<"));
        assertThat(exits.get(Ppme.SYSCALL_OPEN_X)).isTrue();
        assertThat(exits.get(Ppme.SYSCALL_OPEN_E)).isFalse();
        assertThat(exits.get(IndexKeys.generic(getdents, true))).isTrue();
        assertThat(Fields.bind("evt.dir").eventTypes("!=", List.of("<"))).isNull();
        assertThat(type.eventTypes("!=", List.of("open"))).isNull();
        assertThat(type.eventTypes("contains", List.of("open"))).isNull();
        assertThat(type.eventTypes("=", List.of("nosuchevent")).isEmpty()).isTrue();
        // other fields do not restrict
        assertThat(Fields.bind("proc.name").eventTypes("=", List.of("open"))).isNull();
    }

    @Test
    void commonAccessorsDoNotAllocate() throws Exception {
        Synth s = new Synth(new SystemSnapshot(null, List.of(Synth.thread(7, 7, 1, "cat", "/bin/cat", Synth.list("x"), "/",
                0, Synth.list())), List.of(), List.of(), List.of()));
        s.event(7, Ppme.SYSCALL_OPEN_E, "name", "/etc/passwd", "flags", 1L);
        Synth.Parsed open = s.event(7, Ppme.SYSCALL_OPEN_X, "fd", 3L, "name", "/etc/passwd", "flags", 1L);
        List<String> refs = List.of("evt.type", "proc.name", "proc.pid", "proc.cmdline", "proc.pname", "proc.aname[1]",
                "fd.name", "fd.num", "fd.type", "user.uid", "container.id", "evt.rawres", "evt.dir", "thread.tid",
                "evt.is_open_read", "fd.typechar", "evt.num");
        FieldAccessor[] accessors = new FieldAccessor[refs.size()];
        for (int i = 0; i < accessors.length; i++) {
            accessors[i] = Fields.bind(refs.get(i));
        }
        ValueHolder h = new ValueHolder();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < accessors.length; i++) {
                FieldAccessor a = accessors[i];
                long before = mx.getThreadAllocatedBytes(id);
                for (int k = 0; k < 10_000; k++) {
                    h.clear();
                    a.extract(open.cursor(), h);
                }
                long allocated = mx.getThreadAllocatedBytes(id) - before;
                if (round == 2) {
                    // one allocation per call would be 10,000 objects: at least 160,000 bytes
                    assertThat(allocated).as("bytes allocated by 10,000 extractions of %s", refs.get(i))
                            .isLessThan(16 * 1024);
                }
            }
        }
    }
}
