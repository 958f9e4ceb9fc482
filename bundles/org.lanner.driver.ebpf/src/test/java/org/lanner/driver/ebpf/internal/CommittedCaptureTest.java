package org.lanner.driver.ebpf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** The committed recording of the live test actions reads back in Lanner and in sysdig (no root needed). */
class CommittedCaptureTest {

    @Test
    void lannersReaderReadsEveryEvent() throws Exception {
        assertThat(RecordedCaptureTest.COMMITTED).exists();
        assertThat(RecordedCaptureTest.readBack(RecordedCaptureTest.COMMITTED)).isGreaterThan(50);
        assertThat(Files.size(RecordedCaptureTest.COMMITTED)).isLessThan(200_000);
    }

    @Test
    void sysdigShowsTheActionsWithTheirValues() throws Exception {
        String out = RecordedCaptureTest.sysdig(RecordedCaptureTest.COMMITTED);
        assertThat(out).contains("openat < cat /etc/shadow fd=3(<f>/etc/shadow) dirfd=-100(AT_FDCWD) name=/etc/shadow flags=1(O_RDONLY)");
        assertThat(out).containsPattern("connect < bash 127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:\\d+ res=0 tuple=127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:\\d+");
        assertThat(out).containsPattern("execve < cat .*exe=cat args=/etc/shadow\\. .*comm=cat ");
        assertThat(out).containsPattern("execve < child\\.sh .*exe=/bin/sh args=\\./child\\.sh\\.one\\.two\\. ");
        assertThat(out).containsPattern("(clone|vfork|fork|clone3) < child\\.sh .*res=0 ");
        assertThat(out).contains("procexit > true");
        assertThat(out).as("no environment of the build leaks").doesNotContain("MAVEN").doesNotContain("JAVA_HOME");
    }
}
