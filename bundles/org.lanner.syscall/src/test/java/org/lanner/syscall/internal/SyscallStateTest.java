package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lanner.syscall.internal.Synth.list;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lanner.api.event.EventBatch;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.UserEntry;
import org.lanner.filter.ValueText;
import org.lanner.syscall.internal.Synth.Parsed;

/**
 * The state the parser keeps, event by event, with events built in the test: each scenario checks
 * the values libsinsp gives, and that a parsed event keeps its values when later events change the
 * state (the rules read them later, on other threads).
 */
class SyscallStateTest {

    private static final long SHELL = 100;
    private static final long SHELL_THREAD = 101;
    private static final String DOCKER_ID = "4b2b5c1a8e7f4b2b5c1a8e7f4b2b5c1a8e7f4b2b5c1a8e7f4b2b5c1a8e7f0123";

    private Synth s;

    static byte[] nul(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(p).append('\0');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static long flag(String table, String... names) {
        long v = 0;
        for (String n : names) {
            v |= FlagTables.get(table).valueOf(n);
        }
        return v;
    }

    @BeforeEach
    void snapshot() {
        SystemSnapshot snap = new SystemSnapshot(new MachineInfo(4, 1L << 33, 32768, "box"),
                List.of(Synth.thread(1, 1, 0, "systemd", "/sbin/init", list(), "/", 0, list()),
                        Synth.thread(50, 50, 1, "sshd", "/usr/sbin/sshd", list("-D"), "/", 0, list()),
                        Synth.thread(SHELL, SHELL, 50, "bash", "/bin/bash", list("-l"), "/home/alice", 1000, list(),
                                FdEntry.named(0, 1, FdEntry.FILE, "/dev/pts/0", 2, 0),
                                FdEntry.named(3, 2, FdEntry.DIRECTORY, "/etc", 0, 0),
                                FdEntry.unixSocket(10, 5, 0xffff8800L, 0xffff8801L, "/run/x.sock\n")),
                        // a second thread of the shell: it shares the main thread's cwd and fds
                        Synth.thread(SHELL_THREAD, SHELL, 50, "bash", "/bin/bash", list("-l"), "", 1000, list()),
                        Synth.thread(200, 200, 1, "nginx", "/usr/sbin/nginx", list(), "/", 0,
                                list("cpu=/docker/" + DOCKER_ID, "memory=/docker/" + DOCKER_ID))),
                List.of(new UserEntry(0, 0, "root", "/root", "/bin/bash"),
                        new UserEntry(1000, 1000, "alice", "/home/alice", "/bin/bash")),
                List.of(new GroupEntry(0, "root"), new GroupEntry(1000, "staff")), List.of());
        s = new Synth(snap);
    }

    @Test
    void snapshotThreadsAndUsers() {
        Parsed e = s.event(SHELL_THREAD, Ppme.SYSCALL_READ_E, "fd", 0L, "size", 10);
        assertThat(s.field(e, "proc.name")).isEqualTo("bash");
        assertThat(s.field(e, "proc.pid")).isEqualTo("100");
        assertThat(s.field(e, "thread.tid")).isEqualTo("101");
        assertThat(s.field(e, "thread.ismain")).isEqualTo("false");
        assertThat(s.field(e, "proc.ppid")).isEqualTo("50");
        assertThat(s.field(e, "proc.pname")).isEqualTo("sshd");
        assertThat(s.field(e, "proc.aname[2]")).isEqualTo("systemd");
        assertThat(s.field(e, "proc.apid[2]")).isEqualTo("1");
        assertThat(s.field(e, "proc.aname")).isEqualTo("(sshd,systemd)");
        assertThat(s.field(e, "proc.cmdline")).isEqualTo("bash -l");
        assertThat(s.field(e, "proc.cwd")).isEqualTo("/home/alice/");
        assertThat(s.field(e, "proc.nthreads")).isEqualTo("2");
        assertThat(s.field(e, "user.name")).isEqualTo("alice");
        assertThat(s.field(e, "user.homedir")).isEqualTo("/home/alice");
        assertThat(s.field(e, "group.name")).isEqualTo("staff");
        // the fd of the enter event: the main thread's table
        assertThat(s.field(e, "fd.num")).isEqualTo("0");
        assertThat(s.field(e, "fd.name")).isEqualTo("/dev/pts/0");
        assertThat(s.field(e, "fd.type")).isEqualTo("file");
        assertThat(s.field(e, "container.id")).isEqualTo("host");
        assertThat(e.partition()).isEqualTo(SHELL);
    }

    @Test
    void containerFromCgroupsAndFromContainerEvents() {
        Parsed before = s.event(200, Ppme.SYSCALL_READ_E, "fd", 0L, "size", 1);
        assertThat(s.field(before, "container.id")).isEqualTo(DOCKER_ID.substring(0, 12));
        assertThat(s.field(before, "container.type")).isEqualTo("docker");
        assertThat(s.field(before, "container.name")).isEqualTo("<NA>");
        Parsed json = s.event(-1, Ppme.CONTAINER_JSON_E, "json", "{\"container\":{\"id\":\"" + DOCKER_ID.substring(0, 12)
                + "\",\"type\":0,\"name\":\"web\",\"image\":\"nginx:1.21\",\"imagerepo\":\"nginx\",\"imagetag\":\"1.21\","
                + "\"privileged\":true,\"Mounts\":[{\"Source\":\"/var/run/docker.sock\",\"Destination\":\"/var/run/docker.sock\","
                + "\"Mode\":\"\",\"RW\":true,\"Propagation\":\"rprivate\"}]}}");
        assertThat(s.field(json, "container.name")).isEqualTo("web");
        Parsed after = s.event(200, Ppme.SYSCALL_READ_E, "fd", 0L, "size", 1);
        assertThat(s.field(after, "container.name")).isEqualTo("web");
        assertThat(s.field(after, "container.image")).isEqualTo("nginx:1.21");
        assertThat(s.field(after, "container.image.repository")).isEqualTo("nginx");
        assertThat(s.field(after, "container.image.tag")).isEqualTo("1.21");
        assertThat(s.field(after, "container.privileged")).isEqualTo("true");
        // a mount by source, printed by its destination; the whole mount by index
        assertThat(s.field(after, "container.mount.dest[/var/run/docker.sock]")).isEqualTo("/var/run/docker.sock");
        assertThat(s.field(after, "container.mount[0]")).isEqualTo("/var/run/docker.sock:/var/run/docker.sock::true:rprivate");
        assertThat(s.field(after, "container.mount.dest[/proc*]")).isEqualTo("<NA>");
        assertThat(s.field(after, "container.mount.source[0]")).isEqualTo("/var/run/docker.sock");
        // the event parsed before the container event keeps what was known then
        assertThat(s.field(before, "container.name")).isEqualTo("<NA>");
    }

    @Test
    void aContainerEventNestedTooDeepIsSkippedCountedAndTheRestParsed() throws Exception {
        String deep = "{\"container\":{\"id\":\"deep\",\"v\":" + "[".repeat(2000) + "]".repeat(2000) + "}}";
        // on a stack half as large as the distribution's (-Xss512k), where 2,000 levels overflowed it
        Parsed[] parsed = new Parsed[1];
        Throwable[] thrown = new Throwable[1];
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Thread t = new Thread(null, () -> {
            try {
                parsed[0] = s.event(-1, Ppme.CONTAINER_JSON_E, "json", deep);
                // the deepest accepted, and deeper, again and again: compiled frames are not smaller
                for (int i = 0; i < 2000; i++) {
                    Json.parse(deepest);
                    assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(IllegalArgumentException.class);
                }
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertThat(thrown[0]).isNull();
        assertThat(parsed[0].flags() & EventBatch.FLAG_STATE_ONLY).as("hidden from rules").isNotZero();
        assertThat(s.session.malformedEvents()).isEqualTo(1);
        assertThat(s.session.firstMalformed()).isEqualTo("event " + parsed[0].batch().number(0)
                + ": container event skipped: its JSON is malformed: nested deeper than 200 levels at offset 228");
        assertThat(s.session.stats()).contains("syscall.malformed_events 1");
        // the next container event, and the events after it, are parsed as usual
        Parsed ok = s.event(-1, Ppme.CONTAINER_JSON_E, "json", "{\"container\":{\"id\":\"" + DOCKER_ID.substring(0, 12)
                + "\",\"name\":\"web\",\"v\":" + "[".repeat(Json.MAX_DEPTH - 2) + "]".repeat(Json.MAX_DEPTH - 2) + "}}");
        assertThat(s.field(ok, "container.name")).isEqualTo("web");
        assertThat(s.field(s.event(200, Ppme.SYSCALL_READ_E, "fd", 0L, "size", 1), "container.name")).isEqualTo("web");
        assertThat(s.session.malformedEvents()).isEqualTo(1);
    }

    @Test
    void openResolvesPathsAndCloseKeepsTheOldEvent() {
        long rdonly = flag("file_flags", "O_RDONLY", "O_CLOEXEC");
        s.event(SHELL, Ppme.SYSCALL_OPEN_E, "name", "notes.txt", "flags", rdonly);
        Parsed open = s.event(SHELL, Ppme.SYSCALL_OPEN_X, "fd", 4L, "name", "notes.txt", "flags", rdonly);
        assertThat(s.field(open, "fd.name")).isEqualTo("/home/alice/notes.txt");
        assertThat(s.field(open, "fd.directory")).isEqualTo("/home/alice");
        assertThat(s.field(open, "fd.filename")).isEqualTo("notes.txt");
        assertThat(s.field(open, "fd.num")).isEqualTo("4");
        assertThat(s.field(open, "evt.arg.flags")).isEqualTo("O_RDONLY|O_CLOEXEC");
        assertThat(s.field(open, "evt.is_open_read")).isEqualTo("true");
        assertThat(s.field(open, "evt.is_open_write")).isEqualTo("false");
        assertThat(s.field(open, "evt.res")).isEqualTo("SUCCESS");
        assertThat(s.field(open, "proc.fdopencount")).isEqualTo("4");

        // openat relative to a directory fd, and to the cwd with AT_FDCWD
        s.event(SHELL, Ppme.SYSCALL_OPENAT_2_E, "dirfd", 3L, "name", "passwd", "flags", rdonly);
        Parsed at = s.event(SHELL, Ppme.SYSCALL_OPENAT_2_X, "fd", 5L, "dirfd", 3L, "name", "passwd", "flags", rdonly);
        assertThat(s.field(at, "fd.name")).isEqualTo("/etc/passwd");
        assertThat(s.field(at, "evt.arg.dirfd")).isEqualTo("<d>/etc");
        assertThat(s.field(at, "evt.args")).isEqualTo("fd=5(<f>/etc/passwd) dirfd=3(<d>/etc) name=passwd(/etc/passwd) "
                + "flags=4097(O_RDONLY|O_CLOEXEC) mode=0 dev=0 ino=0 ");
        Parsed cwd = s.event(SHELL, Ppme.SYSCALL_OPENAT_2_X, "fd", 6L, "dirfd", -100L, "name", "../bob/x", "flags", rdonly);
        assertThat(s.field(cwd, "fd.name")).isEqualTo("/home/bob/x");

        // a failed open: no fd, the name from the event, the error by name
        s.event(SHELL, Ppme.SYSCALL_OPEN_E, "name", "/nope", "flags", rdonly);
        Parsed failed = s.event(SHELL, Ppme.SYSCALL_OPEN_X, "fd", -2L, "name", "/nope", "flags", rdonly);
        assertThat(s.field(failed, "evt.res")).isEqualTo("ENOENT");
        assertThat(s.field(failed, "evt.rawres")).isEqualTo("-2");
        assertThat(s.field(failed, "evt.failed")).isEqualTo("true");
        assertThat(s.field(failed, "fd.name")).isEqualTo("/nope");

        // reads on the fd see it; after close it is gone, but the earlier read keeps it
        Parsed read = s.event(SHELL, Ppme.SYSCALL_READ_E, "fd", 4L, "size", 10);
        s.event(SHELL, Ppme.SYSCALL_CLOSE_E, "fd", 4L);
        Parsed closed = s.event(SHELL, Ppme.SYSCALL_CLOSE_X, "res", 0L);
        assertThat(s.field(closed, "fd.name")).isEqualTo("/home/alice/notes.txt");
        Parsed readAgain = s.event(SHELL, Ppme.SYSCALL_READ_E, "fd", 4L, "size", 10);
        assertThat(s.field(readAgain, "fd.name")).isEqualTo("<NA>");
        assertThat(s.field(read, "fd.name")).isEqualTo("/home/alice/notes.txt");
        // the other thread of the process shares the table
        Parsed other = s.event(SHELL_THREAD, Ppme.SYSCALL_READ_E, "fd", 5L, "size", 10);
        assertThat(s.field(other, "fd.name")).isEqualTo("/etc/passwd");
    }

    @Test
    void chdirChangesTheCwdOfTheProcessFromThenOn() {
        Parsed before = s.event(SHELL, Ppme.SYSCALL_READ_E, "fd", 0L, "size", 1);
        s.event(SHELL, Ppme.SYSCALL_CHDIR_E);
        s.event(SHELL, Ppme.SYSCALL_CHDIR_X, "res", 0L, "path", "/tmp");
        s.event(SHELL_THREAD, Ppme.SYSCALL_OPEN_E, "name", "x", "flags", 0L);
        Parsed open = s.event(SHELL_THREAD, Ppme.SYSCALL_OPEN_X, "fd", 7L, "name", "x", "flags", 0L);
        assertThat(s.field(open, "fd.name")).isEqualTo("/tmp/x");
        assertThat(s.field(open, "proc.cwd")).isEqualTo("/tmp/");
        assertThat(s.field(before, "proc.cwd")).isEqualTo("/home/alice/");
    }

    @Test
    void cloneThenExecveMakeANewProcessAndKeepHistory() {
        s.event(SHELL, Ppme.SYSCALL_CLONE_20_E);
        Parsed parent = s.event(SHELL, Ppme.SYSCALL_CLONE_20_X, "res", 300L, "exe", "/bin/bash", "args", nul("-l"), "tid",
                SHELL, "pid", SHELL, "ptid", 50L, "cwd", "", "comm", "bash", "flags", 0L, "uid", 1000L, "gid", 1000L,
                "vtid", SHELL, "vpid", SHELL);
        assertThat(s.field(parent, "evt.res")).isEqualTo("SUCCESS");
        assertThat(s.field(parent, "evt.rawres")).isEqualTo("300");
        Parsed child = s.event(300, Ppme.SYSCALL_CLONE_20_X, "res", 0L, "exe", "/bin/bash", "args", nul("-l"), "tid", 300L,
                "pid", 300L, "ptid", SHELL, "cwd", "", "comm", "bash", "flags", 0L, "uid", 1000L, "gid", 1000L, "vtid", 300L,
                "vpid", 300L);
        assertThat(s.field(child, "proc.name")).isEqualTo("bash");
        assertThat(s.field(child, "proc.ppid")).isEqualTo("100");
        assertThat(s.field(child, "proc.pname")).isEqualTo("bash");
        assertThat(s.field(child, "proc.aname[2]")).isEqualTo("sshd");
        assertThat(s.field(child, "proc.cwd")).isEqualTo("/home/alice/");
        Parsed childRead = s.event(300, Ppme.SYSCALL_READ_E, "fd", 3L, "size", 1);
        assertThat(s.field(childRead, "fd.name")).as("fds are inherited").isEqualTo("/etc");

        s.event(300, Ppme.SYSCALL_EXECVE_19_E, "filename", "/bin/cat");
        Parsed exec = s.event(300, Ppme.SYSCALL_EXECVE_19_X, "res", 0L, "exe", "cat", "args", nul("/etc/shadow"), "tid",
                300L, "pid", 300L, "ptid", SHELL, "cwd", "", "comm", "cat", "env", nul("A=1"), "tty", 34816, "pgid", 300L,
                "loginuid", 1000);
        assertThat(s.field(exec, "proc.name")).isEqualTo("cat");
        assertThat(s.field(exec, "proc.exe")).isEqualTo("cat");
        assertThat(s.field(exec, "proc.exepath")).isEqualTo("/bin/cat");
        assertThat(s.field(exec, "proc.cmdline")).isEqualTo("cat /etc/shadow");
        assertThat(s.field(exec, "proc.args")).isEqualTo("/etc/shadow");
        assertThat(s.field(exec, "proc.pcmdline")).isEqualTo("bash -l");
        assertThat(s.field(exec, "proc.env")).isEqualTo("A=1");
        assertThat(s.field(exec, "proc.tty")).isEqualTo("34816");
        assertThat(s.field(exec, "user.loginuid")).isEqualTo("1000");
        // events parsed before the execve still show the process as it was
        assertThat(s.field(childRead, "proc.name")).isEqualTo("bash");
        assertThat(s.field(child, "proc.cmdline")).isEqualTo("bash -l");

        // the process exits: events of its parent no longer count it, its own last event keeps it
        Parsed exit = s.event(300, Ppme.PROCEXIT_1_E, "status", 0L, "ret", 0L, "sig", 0, "core", 0);
        assertThat(s.field(exit, "proc.name")).isEqualTo("cat");
        assertThat(exit.partition()).isEqualTo(300);
    }

    @Test
    void socketsGetTheirTupleFromConnect() {
        s.event(SHELL, Ppme.SOCKET_SOCKET_E, "domain", 2L, "type", 1L, "proto", 0L);
        s.event(SHELL, Ppme.SOCKET_SOCKET_X, "fd", 8L);
        Parsed enter = s.event(SHELL, Ppme.SOCKET_CONNECT_E, "fd", 8L, "addr", Synth.sockaddr4("93.184.216.34", 443));
        assertThat(s.field(enter, "evt.args")).isEqualTo("fd=8(<4>) addr=93.184.216.34:443 ");
        Parsed conn = s.event(SHELL, Ppme.SOCKET_CONNECT_X, "res", 0L, "tuple",
                Synth.tuple4("10.0.0.5", 51000, "93.184.216.34", 443));
        assertThat(s.field(conn, "fd.name")).isEqualTo("10.0.0.5:51000->93.184.216.34:443");
        assertThat(s.field(conn, "fd.type")).isEqualTo("ipv4");
        assertThat(s.field(conn, "fd.l4proto")).isEqualTo("tcp");
        assertThat(s.field(conn, "fd.sip")).isEqualTo("93.184.216.34");
        assertThat(s.field(conn, "fd.sport")).isEqualTo("443");
        assertThat(s.field(conn, "fd.cip")).isEqualTo("10.0.0.5");
        assertThat(s.field(conn, "fd.cport")).isEqualTo("51000");
        assertThat(s.field(conn, "fd.is_server")).isEqualTo("false");
        assertThat(s.field(conn, "fd.connected")).isEqualTo("true");
        assertThat(s.field(conn, "fd.sockfamily")).isEqualTo("ip");
        assertThat(s.field(conn, "evt.latency")).isEqualTo("1000");
        // dup gives a second fd to the same connection
        s.event(SHELL, Ppme.SYSCALL_DUP_E, "fd", 8L);
        Parsed dup = s.event(SHELL, Ppme.SYSCALL_DUP_X, "res", 9L);
        assertThat(s.field(dup, "fd.num")).isEqualTo("9");
        assertThat(s.field(dup, "fd.name")).isEqualTo("10.0.0.5:51000->93.184.216.34:443");
        // the socket as it was before connect
        assertThat(s.field(enter, "fd.name")).isEqualTo("");
    }

    @Test
    void setuidChangesTheUserFromThenOn() {
        Parsed before = s.event(SHELL, Ppme.SYSCALL_READ_E, "fd", 0L, "size", 1);
        s.event(SHELL, Ppme.SYSCALL_SETUID_E, "uid", 0L);
        Parsed after = s.event(SHELL, Ppme.SYSCALL_SETUID_X, "res", 0L);
        assertThat(s.field(after, "user.name")).isEqualTo("root");
        assertThat(s.field(after, "user.uid")).isEqualTo("0");
        assertThat(s.field(before, "user.name")).isEqualTo("alice");
        Parsed other = s.event(SHELL_THREAD, Ppme.SYSCALL_READ_E, "fd", 0L, "size", 1);
        assertThat(s.field(other, "user.name")).as("setuid changes one thread").isEqualTo("alice");
    }

    @Test
    void jsonAndTextFormsFollowLibsinsp() throws Exception {
        s.event(SHELL, Ppme.SYSCALL_OPEN_E, "name", "bad\nname", "flags", 1L);
        Parsed open = s.event(SHELL, Ppme.SYSCALL_OPEN_X, "fd", 9L, "name", "bad\nname", "flags", 1L, "dev", 0x803);
        // paths of opens lose their unprintable bytes to dots, as in libsinsp
        assertThat(s.field(open, "fd.name")).isEqualTo("/home/alice/bad.name");
        // a name from the process list keeps them: conditions see it as it is, outputs without them
        Parsed read = s.event(SHELL, Ppme.SYSCALL_READ_E, "fd", 10L, "size", 1);
        ValueHolder h = new ValueHolder();
        assertThat(Fields.bind("fd.name").extract(read.cursor(), h)).isTrue();
        assertThat(h.string()).isEqualTo("/run/x.sock\n");
        assertThat(s.field(read, "fd.name")).isEqualTo("/run/x.sock");
        assertThat(json("fd.name", read)).isEqualTo("/run/x.sock");
        assertThat(s.field(read, "fd.type")).isEqualTo("unix");
        // times print as text and serialise as nanoseconds
        assertThat(json("evt.time", open)).isEqualTo(open.cursor().timestamp());
        assertThat(json("evt.rawtime.ns", open)).isInstanceOf(Long.class);
        assertThat(s.field(open, "evt.latency.ns")).isEqualTo("000001000");
        assertThat(json("evt.latency.ns", open)).isEqualTo(1000L);
        // the device prints in hexadecimal, in JSON too, and compares as a number
        assertThat(s.field(open, "fd.dev")).isEqualTo("803");
        assertThat(json("fd.dev", open)).isEqualTo("803");
        h.clear();
        assertThat(Fields.bind("fd.dev").extract(open.cursor(), h)).isTrue();
        assertThat(h.longValue()).isEqualTo(0x803);
    }

    private static Object json(String ref, Parsed p) throws Exception {
        FieldAccessor a = Fields.bind(ref);
        ValueHolder h = new ValueHolder();
        return a.extractForJson(p.cursor(), h) ? ValueText.json(a.type(), h) : null;
    }

    @Test
    void unknownThreadsHaveNoProcessFields() {
        Parsed e = s.event(999, Ppme.SYSCALL_READ_E, "fd", 0L, "size", 1);
        assertThat(s.field(e, "thread.tid")).isEqualTo("999");
        assertThat(e.partition()).isEqualTo(999);
        assertThat(e.flags() & EventBatch.FLAG_STATE_ONLY).isZero();
    }
}
