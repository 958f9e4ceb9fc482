package org.lanner.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostNamesTest {

    @TempDir
    Path dir;

    @Test
    void laterFalcoVariableFirstThenFalco030sThenTheKernel() throws Exception {
        Path kernel = Files.writeString(dir.resolve("hostname"), "node-7\n");
        assertThat(HostNames.local(Map.of("FALCO_HOSTNAME", "a", "FALCO_GRPC_HOSTNAME", "b")::get, kernel)).isEqualTo("a");
        assertThat(HostNames.local(Map.of("FALCO_GRPC_HOSTNAME", "b")::get, kernel)).isEqualTo("b");
        assertThat(HostNames.local(Map.of("FALCO_HOSTNAME", "")::get, kernel)).as("empty is unset").isEqualTo("node-7");
    }

    @Test
    void withoutTheKernelsFileJavaAnswers() {
        assertThat(HostNames.local(Map.<String, String>of()::get, dir.resolve("missing"))).isNotBlank();
    }
}
