package org.lanner.driver.ebpf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Capture in a separate JVM: killed with SIGKILL it leaves nothing attached; unprivileged it says why. */
class ChildProcessTest {

    private static final String BPFTOOL = Files.exists(Path.of("/usr/sbin/bpftool")) ? "/usr/sbin/bpftool" : "bpftool";

    @BeforeEach
    void root() {
        EbpfTests.assumeCapture();
    }

    private static List<String> javaCommand(String... prefix) {
        List<String> cmd = new ArrayList<>(List.of(prefix));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Djna.nosys=false");
        cmd.add(CaptureChild.class.getName());
        return cmd;
    }

    /** The first line the child prints, within the deadline. */
    private static String firstLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        return line == null ? "" : line;
    }

    /** Ids of the loaded programs named like our fork tracepoint program (unique to this probe). */
    private static Set<Integer> ourPrograms() throws Exception {
        Process p = new ProcessBuilder(BPFTOOL, "prog", "show").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        Set<Integer> ids = new HashSet<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(':');
            if (line.contains("name sched_process_f") && colon > 0) {
                ids.add(Integer.parseInt(line.substring(0, colon).trim()));
            }
        }
        return ids;
    }

    @Test
    void aKilledCaptureLeavesNothingAttached() throws Exception {
        Set<Integer> before = ourPrograms();
        Process child = new ProcessBuilder(javaCommand()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertThat(firstLine(child)).isEqualTo("READY");
            Set<Integer> childs = new HashSet<>(ourPrograms());
            childs.removeAll(before);
            assertThat(childs).as("the child's probe is loaded").isNotEmpty();

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Set<Integer> left = new HashSet<>(ourPrograms());
            left.retainAll(childs);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                left = new HashSet<>(ourPrograms());
                left.retainAll(childs);
            }
            assertThat(left).as("the child's programs after SIGKILL").isEmpty();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void withoutCapabilitiesTheErrorGivesTheRealCause() throws Exception {
        Path setpriv = Path.of("/usr/bin/setpriv");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(setpriv), "setpriv (util-linux) is needed to drop capabilities");
        Process child = new ProcessBuilder(javaCommand(setpriv.toString(), "--bounding-set=-all", "--inh-caps=-all", "--"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String line = firstLine(child);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(3);
            assertThat(line).startsWith("ERROR: live capture needs root or CAP_BPF+CAP_PERFMON and a kernel with BTF: ")
                    .contains("CAP_BPF with CAP_PERFMON").doesNotContain("RLIMIT_MEMLOCK");
        } finally {
            child.destroyForcibly();
        }
    }
}
