package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A field class from a bundle other than the syscall one, built only on the exported syscall state
 * view ({@code org.lanner.api.syscall.state}): dropped into the standalone distribution's bundles, its
 * fields are listed, and a rule that uses them fires on a capture of the corpus with the values the
 * state had at that event.
 */
class FieldBundleDistIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static Path home;

    @TempDir
    Path tmp;

    @BeforeAll
    static void distributionWithTheBundle() throws Exception {
        home = Files.createTempDirectory("lanner-fields-dist");
        Dist.copyTree(Dist.standalone(), home);
        Files.copy(Dist.lineageFields(), home.resolve("bundles/org.lanner.itest.fields.jar"));
    }

    @AfterAll
    static void remove() throws Exception {
        Dist.deleteTree(home);
    }

    @Test
    void aRuleUsesFieldsOfAnotherBundleOverTheSyscallState() throws Exception {
        Path capture = Dist.root().resolve("rules/tests/captures/read-sensitive-file-untrusted.scap");
        Path rules = Files.writeString(tmp.resolve("lineage.yaml"), """
                - rule: Shadow read by a shell's child
                  desc: /etc/shadow read by a program a shell started, told by the lineage fields
                  condition: evt.type in (open, openat, openat2) and evt.dir = < and lineage.file = /etc/shadow and lineage.chain startswith "cat<bash"
                  output: "%lineage.chain (depth %lineage.depth, %lineage.where) read %lineage.file"
                  priority: WARNING
                """);
        Proc.Result r = Proc.run(tmp, TIMEOUT, home.resolve("bin/lanner").toString(), "-e", capture.toString(), "-r", rules.toString(),
                "-o", "json_output=true", "-o", "syslog_output.enabled=false");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("\"rule\":\"Shadow read by a shell's child\"")
                .containsPattern("\"output\":\"[^\"]*: Warning cat<bash[^\"]* \\(depth \\d+, host\\) read /etc/shadow\"")
                .contains("\"lineage.file\":\"/etc/shadow\"");
        assertThat(r.out()).contains("Triggered rules by rule name:").contains("   Shadow read by a shell's child: 1");
    }

    @Test
    void theFieldsAreListedWithTheOthers() throws Exception {
        Proc.Result r = Proc.run(tmp, TIMEOUT, home.resolve("bin/lanner").toString(), "--list", "syscall", "-N");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("lineage.chain\n", "lineage.depth\n", "lineage.where\n", "lineage.file\n", "evt.num\n",
                "evt.source\n", "proc.name\n");
    }
}
