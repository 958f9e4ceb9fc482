package org.lanner.driver.ebpf.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Assumptions;

/**
 * Whether this machine can run the live-capture tests. When it cannot, the tests skip loudly:
 * the reason goes to stderr and into {@code target/ebpf-tests-skipped}, which CI checks.
 */
final class EbpfTests {

    private EbpfTests() {
    }

    /** Skips the calling test (with the reason recorded) unless we are root on a kernel with BTF. */
    static void assumeCapture() {
        String reason = null;
        if (!Files.isReadable(Path.of("/sys/kernel/btf/vmlinux"))) {
            reason = "the kernel has no BTF (/sys/kernel/btf/vmlinux is missing)";
        } else if (uid() != 0) {
            reason = "not running as root (uid " + uid() + ")";
        }
        if (reason != null) {
            String msg = "SKIPPED eBPF live-capture tests: " + reason;
            System.err.println("**********************************************************************");
            System.err.println(msg);
            System.err.println("**********************************************************************");
            try {
                Path target = Path.of(System.getProperty("lanner.target", "target"));
                Files.createDirectories(target);
                Files.writeString(target.resolve("ebpf-tests-skipped"), msg + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("cannot record the skip: " + e);
            }
            Assumptions.abort(msg);
        }
    }

    static int uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
