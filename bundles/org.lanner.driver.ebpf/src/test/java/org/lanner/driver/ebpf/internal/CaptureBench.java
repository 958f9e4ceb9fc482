package org.lanner.driver.ebpf.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.lanner.api.event.EventBatch;
import org.lanner.api.source.SourceStats;
import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;

/**
 * The capture benchmark (run by native/bench/capture-bench.sh, as root): a system-call storm on
 * one CPU, the capture's reader thread on another, and side by side in one run the storm's rate
 * without the probe, with every system call (-A) and with a default interesting set; events
 * delivered to Java per second, drops, and the reader's CPU.
 *
 * <p>Usage: {@code CaptureBench STORM_BINARY SECONDS STORM_CPU}
 */
public final class CaptureBench {

    /** Event names the default set keeps besides everything that changes state. */
    private static final Set<String> RULE_EVENTS = Set.of("open", "openat", "openat2", "creat", "execve", "execveat", "clone",
            "clone3", "fork", "vfork", "procexit", "connect", "accept", "listen", "bind", "socket", "sendto", "sendmsg",
            "recvfrom", "recvmsg", "rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat", "rmdir",
            "chmod", "fchmod", "fchmodat", "setuid", "setgid", "setresuid", "setresgid", "ptrace", "mount", "umount",
            "setns", "unshare", "chdir", "fchdir", "mprotect", "kill", "bpf", "symlink", "symlinkat", "link", "linkat",
            "chroot", "dup", "pipe", "close", "fcntl", "userfaultfd");

    private CaptureBench() {
    }

    /** Every event type that changes the state, plus those Falco's default rules look at. */
    static BitSet defaultInterestingSet() {
        BitSet set = new BitSet();
        for (EventInfo e : EventTable.all()) {
            if (e.id() > 1 && (e.has(EventFlags.MODIFIES_STATE) || RULE_EVENTS.contains(e.name()))
                    && !e.has(EventFlags.OLD_VERSION) && !e.has(EventFlags.UNUSED)) {
                set.set(e.id());
            }
        }
        return set;
    }

    public static void main(String[] args) throws Exception {
        String storm = args[0];
        double seconds = Double.parseDouble(args[1]);
        String cpu = args.length > 2 ? args[2] : "1";
        List<String> modes = List.of("getpid", "openclose");
        System.out.printf("capture benchmark: %s s per run, storm on CPU %s, %d CPUs%n", args[1], cpu,
                Runtime.getRuntime().availableProcessors());
        for (String mode : modes) {
            double alone = storm(storm, mode, seconds, cpu);
            System.out.printf(Locale.ROOT, "%-10s storm alone            : %,12.0f syscalls/s%n", mode, alone);
            run(storm, mode, seconds, cpu, null, "-A (all syscalls)");
            run(storm, mode, seconds, cpu, defaultInterestingSet(), "default set");
        }
    }

    private static void run(String storm, String mode, double seconds, String cpu, BitSet set, String label) throws Exception {
        try (LiveEventStream stream = LiveEventStream.open(DriverSettings.DEFAULTS, new ProcScanner())) {
            stream.interestingEventTypes(set);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong events = new AtomicLong();
            AtomicLong cpuNanos = new AtomicLong();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Thread reader = new Thread(() -> {
                EventBatch batch = new EventBatch(8 << 20, 65536);
                long c0 = mx.getCurrentThreadCpuTime();
                long n = 0;
                try {
                    while (!stop.get()) {
                        batch.clear();
                        int got = stream.nextBatch(batch);
                        if (got > 0) {
                            n += got;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                events.set(n);
                cpuNanos.set(mx.getCurrentThreadCpuTime() - c0);
            }, "capture-reader");
            // let the reader settle and the backlog of the start drain
            reader.start();
            Thread.sleep(300);
            SourceStats s0 = stream.stats();
            long d0 = stream.delivered();
            long p0 = processCpuTicks();
            long t0 = System.nanoTime();
            double rate = storm(storm, mode, seconds, cpu);
            long wall = System.nanoTime() - t0;
            long p1 = processCpuTicks();
            SourceStats s1 = stream.stats();
            long d1 = stream.delivered();
            stop.set(true);
            reader.join(10_000);
            double secs = wall / 1e9;
            System.out.printf(Locale.ROOT,
                    "%-10s with capture %-10s: %,12.0f syscalls/s | delivered %,12.0f events/s | drops %d (buffer %d) "
                            + "| reader CPU %.0f%% | JVM CPU %.0f%%%n",
                    mode, label, rate, (d1 - d0) / secs, s1.drops() - s0.drops(), s1.dropsBuffer() - s0.dropsBuffer(),
                    100.0 * cpuNanos.get() / (wall + 300_000_000L), 100.0 * (p1 - p0) * 10_000_000L / wall);
        }
    }

    private static double storm(String storm, String mode, double seconds, String cpu) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("taskset", "-c", cpu, storm, mode, Double.toString(seconds)).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return Double.parseDouble(out);
    }

    /** utime + stime of this JVM in clock ticks (100 per second). */
    private static long processCpuTicks() throws IOException {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
