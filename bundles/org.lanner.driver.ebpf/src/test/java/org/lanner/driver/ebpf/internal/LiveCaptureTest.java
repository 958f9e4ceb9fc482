package org.lanner.driver.ebpf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.source.SourceStats;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.ThreadEntry;

/**
 * Live capture as root: real processes do real things and the decoded events must say so. One
 * capture serves the whole class (loading the probe takes a moment).
 */
class LiveCaptureTest {

    private static final int PROCEXIT = 186;
    private static final int OPENAT_X = 307;
    private static final int CLOSE_E = 4;
    private static final int CLOSE_X = 5;
    private static final int READ_X = 7;
    private static final int EXECVE_E = 292;
    private static final int EXECVE_X = 293;
    private static final int CONNECT_E = 22;
    private static final int CONNECT_X = 23;
    private static final List<Integer> CLONE_X = List.of(223, 225, 227, 335);

    private static LiveEventStream stream;
    private static Capture capture;
    private static FileChannel heldOpen;
    private static Path heldPath;
    private static ServerSocket heldServer;

    @TempDir
    static Path dir;

    @BeforeAll
    static void open() throws Exception {
        EbpfTests.assumeCapture();
        // held open before the capture starts: the /proc snapshot must show them
        heldPath = dir.resolve("held-open.txt");
        Files.writeString(heldPath, "x");
        heldOpen = FileChannel.open(heldPath, StandardOpenOption.READ);
        heldServer = new ServerSocket();
        heldServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        stream = LiveEventStream.open(DriverSettings.DEFAULTS, new ProcScanner());
        capture = new Capture(stream);
    }

    @AfterAll
    static void close() throws IOException {
        if (stream != null) {
            stream.close();
        }
        if (heldOpen != null) {
            heldOpen.close();
        }
        if (heldServer != null) {
            heldServer.close();
        }
    }

    @BeforeEach
    void fresh() throws Exception {
        stream.interestingEventTypes(null);
        capture.drain();
        capture.reset();
    }

    /** Events of one process until its procexit. */
    private static List<Rec> eventsOf(long pid) throws Exception {
        return capture.until(r -> r.tid() == pid, l -> l.stream().anyMatch(r -> r.type() == PROCEXIT && r.tid() == pid), 15_000);
    }

    private static Process run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).as("exit code of %s", String.join(" ", cmd)).isZero();
        return p;
    }

    private static Rec lastExec(List<Rec> events) {
        return events.stream().filter(r -> r.type() == EXECVE_X && r.s64(0) == 0).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no successful execve exit: " + events));
    }

    private static Rec first(List<Rec> events, int type) {
        return events.stream().filter(r -> r.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no event of type " + type + " in " + events));
    }

    @Test
    void catShadowIsCapturedFromCloneToProcexit() throws Exception {
        Process p = run("cat", "/etc/shadow");
        long pid = p.pid();
        List<Rec> ev = eventsOf(pid);

        // the child side of the spawn, then the exec of cat
        Rec clone = ev.stream().filter(r -> CLONE_X.contains(r.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no clone exit for " + pid + ": " + ev));
        assertThat(clone.params().length).isEqualTo(20);
        assertThat(clone.s64(0)).as("res in the child").isZero();
        assertThat(clone.s64(3)).as("tid").isEqualTo(pid);
        assertThat(clone.s64(4)).as("pid").isEqualTo(pid);
        long ptid = clone.s64(5);
        assertThat(ptid).isPositive();
        assertThat(Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "task", Long.toString(ptid)))
                .as("the spawning thread is a thread of this JVM").exists();

        // the JDK spawns through jspawnhelper, which then executes the command: the last exec counts
        Rec execve = lastExec(ev);
        assertThat(execve.params().length).isEqualTo(20);
        assertThat(execve.str(1)).as("exe").isEqualTo("cat");
        assertThat(execve.strings(2)).as("args").containsExactly("/etc/shadow");
        assertThat(execve.s64(3)).as("tid").isEqualTo(pid);
        assertThat(execve.s64(4)).as("pid").isEqualTo(pid);
        assertThat(execve.s64(5)).as("ptid").isEqualTo(ptid);
        assertThat(execve.str(6)).as("cwd (always empty in this layout)").isEmpty();
        assertThat(execve.str(13)).as("comm").isEqualTo("cat");
        assertThat(execve.strings(14)).as("cgroups").isNotEmpty().allMatch(s -> s.contains("=/"));
        assertThat(execve.strings(15)).as("env").anyMatch(s -> s.startsWith("PATH="));
        assertThat(ev.get(ev.lastIndexOf(execve) - 1).type()).as("the enter before").isEqualTo(EXECVE_E);
        assertThat(ev.get(ev.lastIndexOf(execve) - 1).str(0)).as("execve enter filename").endsWith("/cat");

        Rec open = ev.stream().filter(r -> r.type() == OPENAT_X && r.str(2).equals("/etc/shadow")).findFirst()
                .orElseThrow(() -> new AssertionError("no openat of /etc/shadow: " + ev));
        long fd = open.s64(0);
        assertThat(fd).as("fd").isNotNegative();
        assertThat(open.s64(1)).as("dirfd").isEqualTo(-100);
        assertThat(open.u32(3) & 3).as("flags: O_RDONLY").isEqualTo(1);
        assertThat(open.u32(5)).as("dev").isNotZero();

        assertThat(ev).as("read of the shadow file").anyMatch(r -> r.type() == READ_X && r.s64(0) > 0);
        int openIdx = ev.indexOf(open);
        Rec close = ev.subList(openIdx, ev.size()).stream().filter(r -> r.type() == CLOSE_E && r.s64(0) == fd).findFirst()
                .orElseThrow(() -> new AssertionError("no close of fd " + fd));
        assertThat(close.params().length).isEqualTo(1);

        Rec exit = first(ev, PROCEXIT);
        assertThat(exit.params().length).isEqualTo(4);
        assertThat(exit.s64(0)).as("status").isZero();
        assertThat(exit.s64(1)).as("ret").isZero();

        assertOrderedPerThread(ev);
        assertThat(ev.indexOf(clone)).isLessThan(ev.indexOf(execve));
        assertThat(ev.indexOf(execve)).isLessThan(ev.indexOf(open));
        assertThat(ev.get(ev.size() - 1).type()).isEqualTo(PROCEXIT);
    }

    @Test
    void connectToALoopbackPortCarriesTheTuple() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();
            Process p = run("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port + "; exec 3>&-");
            List<Rec> ev = eventsOf(p.pid());

            // bash may first connect to a unix socket (nscd, sssd) to look users up: take the AF_INET connect
            Rec enter = ev.stream().filter(r -> r.type() == CONNECT_E && r.params().length == 2
                            && r.params()[1].length > 0 && r.params()[1][0] == 2).findFirst()
                    .orElseThrow(() -> new AssertionError("no AF_INET connect: " + ev));
            assertThat(enter.params()[1]).as("sockaddr: AF_INET 127.0.0.1:port")
                    .containsExactly(2, 127, 0, 0, 1, port & 0xff, port >> 8);
            Rec exit = ev.subList(ev.indexOf(enter), ev.size()).stream()
                    .filter(r -> r.type() == CONNECT_X && r.tid() == enter.tid()).findFirst()
                    .orElseThrow(() -> new AssertionError("no connect exit after " + enter));
            assertThat(exit.s64(0)).as("res").isZero();
            byte[] t = exit.params()[1];
            assertThat(t).hasSize(13);
            assertThat(t[0]).as("family").isEqualTo((byte) 2);
            assertThat(new byte[] {t[1], t[2], t[3], t[4]}).as("source ip").containsExactly(127, 0, 0, 1);
            assertThat(new byte[] {t[7], t[8], t[9], t[10]}).as("dest ip").containsExactly(127, 0, 0, 1);
            int sport = (t[5] & 0xff) | (t[6] & 0xff) << 8;
            int dport = (t[11] & 0xff) | (t[12] & 0xff) << 8;
            assertThat(dport).isEqualTo(port);
            assertThat(sport).isPositive().isNotEqualTo(port);
            assertThat(ev.indexOf(enter)).isLessThan(ev.indexOf(exit));
            assertOrderedPerThread(ev);
        }
    }

    @Test
    void scriptExecAndItsForkedChild() throws Exception {
        Path script = dir.resolve("lanner-test.sh");
        Files.writeString(script, "#!/bin/sh\n/bin/true\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Process p = run(script.toString(), "one", "two");
        long pid = p.pid();
        Map<Long, Long> children = new HashMap<>();
        List<Rec> ev = capture.until(r -> true, l -> {
            // the script's procexit, and that of every child it created
            boolean scriptDone = l.stream().anyMatch(r -> r.type() == PROCEXIT && r.tid() == pid);
            for (Rec r : l) {
                if (CLONE_X.contains(r.type()) && r.tid() == pid && r.s64(0) > 0) {
                    children.put(r.s64(0), pid);
                }
            }
            return scriptDone && !children.isEmpty()
                    && children.keySet().stream().allMatch(c -> l.stream().anyMatch(r -> r.type() == PROCEXIT && r.tid() == c));
        }, 15_000);
        List<Rec> mine = ev.stream().filter(r -> r.tid() == pid).collect(Collectors.toList());

        Rec execve = lastExec(mine);
        // the kernel runs the interpreter with the script as its first argument
        assertThat(execve.str(1)).as("exe").isEqualTo("/bin/sh");
        assertThat(execve.strings(2)).as("args").containsExactly(script.toString(), "one", "two");
        assertThat(execve.str(13)).as("comm").isEqualTo("lanner-test.sh");

        assertThat(children).as("the shell forked /bin/true").isNotEmpty();
        long child = children.keySet().iterator().next();
        Rec parentSide = mine.stream().filter(r -> CLONE_X.contains(r.type()) && r.s64(0) == child).findFirst().orElseThrow();
        assertThat(parentSide.s64(3)).as("parent side tid").isEqualTo(pid);
        Rec childSide = ev.stream().filter(r -> CLONE_X.contains(r.type()) && r.tid() == child && r.s64(0) == 0).findFirst()
                .orElseThrow(() -> new AssertionError("no child side of the clone of " + child));
        assertThat(childSide.s64(3)).as("child tid").isEqualTo(child);
        assertThat(childSide.s64(4)).as("child pid").isEqualTo(child);
        assertThat(childSide.s64(5)).as("child ptid").isEqualTo(pid);
        assertThat(childSide.str(13)).as("child comm, inherited").isEqualTo("lanner-test.sh");
        assertThat(childSide.s64(18)).as("vtid").isEqualTo(child);
        assertThat(ev.indexOf(childSide)).as("the child is born before the parent returns").isLessThan(ev.indexOf(parentSide));
        Rec childExec = ev.stream().filter(r -> r.tid() == child && r.type() == EXECVE_X && r.s64(0) == 0).findFirst().orElseThrow();
        assertThat(childExec.str(13)).isEqualTo("true");
        assertOrderedPerThread(ev);
    }

    @Test
    void uninterestingSystemCallsAreDroppedInTheKernel() throws Exception {
        BitSet types = new BitSet();
        types.set(306); // openat, as a rule would ask
        types.set(307);
        stream.interestingEventTypes(types);
        capture.drain();
        long before = stream.stats().events();
        Process p = run("cat", "/etc/hostname");
        List<Rec> ev = eventsOf(p.pid());
        assertThat(ev).as("openat asked for").anyMatch(r -> r.type() == OPENAT_X && r.str(2).equals("/etc/hostname"));
        assertThat(ev).as("what the state needs comes anyway").anyMatch(r -> r.type() == EXECVE_X)
                .anyMatch(r -> r.type() == CLOSE_X).anyMatch(r -> r.type() == PROCEXIT);
        assertThat(ev).as("read, mmap, generic system calls and the rest are filtered in the kernel")
                .noneMatch(r -> r.type() == READ_X || r.type() == 6 || r.type() == 160 || r.type() == 161 || r.type() <= 1);
        assertThat(ev.stream().map(Rec::type).distinct())
                .allMatch(t -> types.get(t) || LiveEventStream.STATE_TYPES.get(t));
        assertThat(stream.stats().events()).isGreaterThan(before);

        stream.interestingEventTypes(null);
        capture.reset();
        Process again = run("cat", "/etc/hostname");
        List<Rec> all = eventsOf(again.pid());
        assertThat(all).as("everything again after the reset").anyMatch(r -> r.type() == READ_X).anyMatch(r -> r.type() <= 1);
    }

    @Test
    void snapshotHoldsThisJvmWithItsFiles() {
        Optional<org.lanner.api.syscall.SystemSnapshot> snap = stream.snapshot().map(org.lanner.api.syscall.SystemSnapshot.class::cast);
        assertThat(snap).isPresent();
        long pid = ProcessHandle.current().pid();
        ThreadEntry me = snap.get().threads().stream().filter(t -> t.tid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("this JVM is not in the snapshot"));
        assertThat(me.pid()).isEqualTo(pid);
        assertThat(me.comm()).isEqualTo("java");
        assertThat(me.exepath()).endsWith("/java");
        assertThat(me.cwd()).isEqualTo(Path.of("").toAbsolutePath().toString());
        assertThat(me.env()).anyMatch(e -> e.startsWith("PATH="));
        assertThat(me.fds()).as("the file held open")
                .anyMatch(f -> f.type() == FdEntry.FILE_V2 && f.name().equals(heldPath.toString()) && (f.openFlags() & 3) == 1);
        assertThat(me.fds()).as("the listening socket").anyMatch(
                f -> (f.type() == FdEntry.IPV4_SERVSOCK || f.type() == FdEntry.IPV6_SERVSOCK)
                        && f.sourcePort() == heldServer.getLocalPort() && f.l4proto() == 2);
        assertThat(snap.get().threads()).as("threads of this JVM").filteredOn(t -> t.pid() == pid).hasSizeGreaterThan(1)
                .filteredOn(t -> t.tid() != pid).allMatch(t -> t.fds().isEmpty() && (t.flags() & (1 << 13)) != 0);
        assertThat(snap.get().users()).anyMatch(u -> u.uid() == 0 && u.name().equals("root"));
        assertThat(snap.get().groups()).anyMatch(g -> g.gid() == 0);
        assertThat(snap.get().machine().cpus()).isPositive();
        assertThat(snap.get().interfaces()).anyMatch(i -> i.name().equals("lo"));
    }

    @Test
    void statsCountEventsWithoutLosses() throws Exception {
        run("cat", "/etc/hostname");
        capture.until(r -> false, l -> false, 200);
        SourceStats s = stream.stats();
        assertThat(s.events()).isPositive();
        assertThat(stream.delivered()).isPositive().isLessThanOrEqualTo(s.events());
        assertThat(s.drops()).as("drops on a quiet machine: %s", s).isZero();
        assertThat(s.dropsBuffer() + s.dropsBug() + s.dropsPageFault()).isLessThanOrEqualTo(s.drops());
    }

    /** Timestamps never go back within a thread, and enter/exit events alternate. */
    private static void assertOrderedPerThread(List<Rec> ev) {
        Map<Long, Rec> last = new HashMap<>();
        for (Rec r : ev) {
            Rec prev = last.put(r.tid(), r);
            if (prev != null) {
                assertThat(r.ts()).as("time order in thread %d: %s after %s", r.tid(), r, prev).isGreaterThanOrEqualTo(prev.ts());
                if (!r.enter() && r.type() > 1 && prev.enter() && prev.type() > 1 && !CLONE_X.contains(r.type())
                        && r.type() != EXECVE_X) {
                    assertThat(r.type()).as("exit %s follows its enter %s", r, prev).isEqualTo(prev.type() + 1);
                }
            }
        }
    }
}
