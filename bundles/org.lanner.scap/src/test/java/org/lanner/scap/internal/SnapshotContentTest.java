package org.lanner.scap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.MachineInfo;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;
import org.lanner.api.syscall.UserEntry;
import org.lanner.test.SharedData;

/**
 * What the header blocks of real captures hold, checked against values decoded independently (the
 * spec's scapwalk.py walker; process and fd names also through sysdig in {@link RoundTripTest}).
 */
class SnapshotContentTest {

    private static SystemSnapshot snapshot(String relative) throws Exception {
        String path = SharedData.require(relative).toString();
        try (ScapEventStream s = ScapEventStream.open(path, id -> null)) {
            return (SystemSnapshot) s.snapshot().orElseThrow();
        }
    }

    private static ThreadEntry thread(SystemSnapshot s, long tid) {
        return s.threads().stream().filter(t -> t.tid() == tid).findFirst().orElseThrow();
    }

    private static FdEntry fd(ThreadEntry t, long fd) {
        return t.fds().stream().filter(f -> f.fd() == fd).findFirst().orElseThrow();
    }

    private static String ip(byte[] address) throws Exception {
        return InetAddress.getByAddress(address).getHostAddress();
    }

    @Test
    void oldFormatHeaderBlocks() throws Exception {
        // SHB 1.0, MI, IL v1, UL v1, PL v6, FDL v1
        SystemSnapshot s = snapshot("traces/falco-0.30.0/cat_write.scap");
        assertThat(s.machine()).isEqualTo(new MachineInfo(2, 10485940224L, 0, "ubuntu"));
        assertThat(s.interfaces()).extracting(InterfaceEntry::name).containsExactly("lo", "enp0s3", "docker0", "lo", "enp0s3");
        assertThat(ip(s.interfaces().get(0).address())).isEqualTo("127.0.0.1");
        assertThat(ip(s.interfaces().get(1).address())).isEqualTo("10.0.2.15");
        assertThat(s.interfaces().get(4).isIpv6()).isTrue();
        assertThat(ip(s.interfaces().get(4).address())).isEqualTo("fe80:0:0:0:a00:27ff:fe61:6071");
        assertThat(s.users()).hasSize(32);
        assertThat(s.groups()).hasSize(61);
        assertThat(s.users().get(0)).isEqualTo(new UserEntry(0, 0, "root", "/root", "/bin/bash"));
        assertThat(s.threads()).hasSize(73);

        ThreadEntry bash = thread(s, 11310);
        assertThat(List.of(bash.pid(), bash.ptid(), bash.sid(), bash.vpgid(), bash.vtid(), bash.vpid()))
                .containsExactly(11310L, 1077L, 11310L, -1L, 11310L, 11310L);
        assertThat(bash.comm()).isEqualTo("bash");
        assertThat(bash.exe()).isEqualTo("/bin/bash");
        assertThat(bash.exepath()).isEmpty(); // not in v6 entries
        assertThat(bash.args()).containsExactly("--noediting", "-i");
        assertThat(bash.cwd()).isEqualTo("/mnt/sf_mstemm/work/src/agent/build/release/userspace/dragent");
        assertThat(List.of(bash.fdlimit(), (long) bash.uid(), (long) bash.gid(), (long) bash.vmsizeKb(), (long) bash.vmrssKb(), bash.pfMinor()))
                .containsExactly(1024L, 1000L, 1000L, 23756L, 6248L, 3609L);
        assertThat(bash.root()).isEqualTo("/");
        assertThat(bash.loginuid()).isEqualTo(-1);
        assertThat(bash.fds()).extracting(FdEntry::fd).containsExactly(0L, 1L, 2L, 255L);
        assertThat(bash.fds()).allSatisfy(f -> {
            assertThat(f.type()).isEqualTo(FdEntry.FILE);
            assertThat(f.name()).isEqualTo("/dev/pts/4");
        });

        ThreadEntry rpcbind = thread(s, 415);
        FdEntry udp = fd(rpcbind, 6);
        assertThat(udp.type()).isEqualTo(FdEntry.IPV4_SERVSOCK);
        assertThat(ip(udp.sourceIp())).isEqualTo("0.0.0.0");
        assertThat(List.of(udp.sourcePort(), udp.l4proto())).containsExactly(111, 3);
        assertThat(fd(rpcbind, 9).type()).isEqualTo(FdEntry.IPV6_SERVSOCK);
        assertThat(fd(rpcbind, 9).sourcePort()).isEqualTo(111);
    }

    @Test
    void currentFormatHeaderBlocks() throws Exception {
        // SHB 1.2, MI, IL_V2, UL_V2, PL_V9, FDL_V2
        SystemSnapshot s = snapshot("traces/falco-0.30.0/empty.scap");
        assertThat(s.machine()).isEqualTo(new MachineInfo(4, 6250049536L, 0, "ubuntu"));
        assertThat(s.interfaces()).hasSize(11);
        assertThat(s.users()).hasSize(45);
        assertThat(s.groups()).hasSize(77);
        assertThat(s.threads()).hasSize(218);

        ThreadEntry systemd = thread(s, 1);
        assertThat(systemd.exepath()).isEqualTo("/lib/systemd/systemd");
        assertThat(systemd.vpgid()).isEqualTo(1);
        FdEntry devNull = fd(systemd, 0);
        assertThat(List.of(devNull.type(), devNull.openFlags(), devNull.dev())).containsExactly(FdEntry.FILE_V2, 3, 6);
        assertThat(devNull.name()).isEqualTo("/dev/null");
        assertThat(fd(systemd, 3).openFlags()).isEqualTo(0x1002);
        assertThat(fd(systemd, 3).name()).isEqualTo("/dev/kmsg");
        assertThat(fd(systemd, 6).type()).isEqualTo(FdEntry.DIRECTORY);
        assertThat(fd(systemd, 6).name()).isEqualTo("/sys/fs/cgroup/systemd");
        assertThat(fd(systemd, 4).type()).isEqualTo(FdEntry.EVENTPOLL);

        ThreadEntry sshdSession = thread(s, 2129);
        assertThat(sshdSession.exe()).isEqualTo("sshd: mstemm [priv]");
        assertThat(sshdSession.args()).containsExactly("");
        assertThat(sshdSession.loginuid()).isEqualTo(501);
        assertThat(sshdSession.ptid()).isEqualTo(1880);

        ThreadEntry sshd = thread(s, 1880);
        assertThat(List.of(fd(sshd, 3).type(), fd(sshd, 3).sourcePort(), fd(sshd, 3).l4proto()))
                .containsExactly(FdEntry.IPV4_SERVSOCK, 22, 2);
        assertThat(fd(sshd, 4).type()).isEqualTo(FdEntry.IPV6_SERVSOCK);

        FdEntry journal = fd(thread(s, 447), 3);
        assertThat(journal.type()).isEqualTo(FdEntry.UNIX_SOCK);
        assertThat(Long.toHexString(journal.sourceId())).isEqualTo("ffff9177d35d4000");
        assertThat(journal.destId()).isZero();
        assertThat(journal.name()).isEqualTo("/run/systemd/journal/dev-log\n"); // as libscap read it from /proc
    }

    @Test
    void connectedSocketsInTheFdList() throws Exception {
        FdEntry ssh = fd(thread(snapshot("traces/falco-0.30.0/open-multiple-files.scap"), 335), 3);
        assertThat(ssh.type()).isEqualTo(FdEntry.IPV4_SOCK);
        assertThat(ip(ssh.sourceIp()) + ":" + ssh.sourcePort() + "->" + ip(ssh.destIp()) + ":" + ssh.destPort())
                .isEqualTo("10.0.2.15:22->10.0.2.2:51598");
        assertThat(ssh.l4proto()).isEqualTo(2);
    }

    @Test
    void entriesLongerThanKnownAreReadAndSkipped() throws Exception {
        // every list entry carries extra trailing bytes from a "newer writer"
        SystemSnapshot s = snapshot("spec/captures/forward_compat.scap");
        assertThat(s.machine()).isEqualTo(new MachineInfo(4, 8589934592L, 4194304, "synthhost"));
        assertThat(s.interfaces()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("eth0");
            assertThat(ip(i.address())).isEqualTo("10.1.2.3");
            assertThat(i.linkSpeed()).isEqualTo(1000);
        });
        assertThat(s.users()).containsExactly(new UserEntry(1000, 1000, "alice", "/home/alice", "/bin/sh"));
        ThreadEntry bash = s.threads().get(0);
        assertThat(List.of(bash.tid(), bash.sid(), bash.vpgid())).containsExactly(4242L, 4242L, 4242L);
        assertThat(bash.args()).containsExactly("-i");
        assertThat(bash.cwd()).isEqualTo("/root/");
        assertThat(bash.loginuid()).isEqualTo(1000);
        assertThat(bash.exeWritable()).isTrue();
        FdEntry shadow = bash.fds().get(0);
        assertThat(List.of(shadow.fd(), (long) shadow.type(), (long) shadow.openFlags(), (long) shadow.dev()))
                .containsExactly(3L, (long) FdEntry.FILE_V2, 2L, 2051L);
        assertThat(shadow.name()).isEqualTo("/etc/shadow");
    }

    @Test
    void captureWithoutMetadataBlocks() throws Exception {
        SystemSnapshot s = snapshot("spec/captures/no_meta.scap");
        assertThat(s.machine()).isNull();
        assertThat(s.users()).isEmpty();
        assertThat(s.interfaces()).isEmpty();
        assertThat(s.threads()).extracting(ThreadEntry::comm).containsExactly("bash");
        FdEntry socket = fd(s.threads().get(0), 5);
        assertThat(ip(socket.sourceIp()) + ":" + socket.sourcePort() + "->" + ip(socket.destIp()) + ":" + socket.destPort())
                .isEqualTo("10.0.0.1:1234->10.0.0.2:80");

        SystemSnapshot plugin = snapshot("spec/captures/plugin_capture.scap");
        assertThat(Snapshots.describe(plugin)).isEqualTo(Snapshots.describe(SystemSnapshot.empty()));
    }
}
