package org.lanner.scap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark capture generator writes what Debian's sysdig reads as intended. */
class SyntheticCaptureTest {

    @TempDir
    Path tmp;

    @Test
    void readsBackAndSysdigAgrees() throws Exception {
        Path file = tmp.resolve("synthetic.scap");
        long written = SyntheticCapture.write(file, 20_000, 4, false);
        Captures.Read read = Captures.read(file.toString(), id -> null);
        assertThat(read.error()).isNull();
        assertThat(read.events()).hasSize((int) written);
        Map<String, Long> byName = read.events().stream().collect(Collectors.groupingBy(e -> e.name() + e.dir(), Collectors.counting()));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("openat>", "openat<", "read>", "read<", "write>", "write<", "close>",
                "close<", "clone>", "clone<", "execve>", "execve<", "procexit>");
        assertThat(read.snapshots().get(0).threads()).hasSize(4);

        Sysdig.require();
        List<String> lines = Sysdig.run(file, "%evt.num %evt.type %proc.name %fd.name %evt.rawarg.res").events();
        assertThat(lines).hasSize((int) written);
        Map<String, Long> procs = lines.stream().map(l -> l.split(" ")[2]).collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        assertThat(procs).containsOnlyKeys("worker0", "worker1", "worker2", "worker3", "true");
        assertThat(lines).anyMatch(l -> l.matches("\\d+ read worker\\d /home/bench/data/file-\\d+\\.txt 80"));
        assertThat(lines).anyMatch(l -> l.matches("\\d+ procexit true <NA> <NA>"));
    }
}
