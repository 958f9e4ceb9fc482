package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanner.api.syscall.state.FdView;
import org.lanner.api.syscall.state.SyscallContext;
import org.lanner.api.syscall.state.ThreadView;
import org.lanner.test.SharedData;

/**
 * The exported view of the syscall state on a capture recorded with Lanner's driver (the corpus case
 * where cat reads /etc/shadow from bash): the thread of an event, its ancestors, its fd, its
 * container; and the versions an event saw stay what they were after later events changed the thread.
 */
class StateViewTest {

    private static final Path CAPTURE = SharedData.repositoryRoot().resolve("rules/tests/captures/read-sensitive-file-untrusted.scap");

    /** What one event's context showed, read while the event was visited. */
    record Seen(long number, String type, String comm, String parent, String fd, char typeChar, String container, long fdNumber,
            ThreadView thread) {
    }

    @Test
    void aFieldClassElsewhereSeesTheThreadItsAncestorsAndTheFile() throws Exception {
        List<Seen> seen = new ArrayList<>();
        Replay.run(CAPTURE, 64, (e, session) -> {
            SyscallContext c = SyscallContext.of(e);
            assertThat(c).as("every syscall event carries the view").isNotNull();
            assertThat(c.eventNumber()).isEqualTo(e.number());
            ThreadView t = c.thread();
            FdView fd = c.fd();
            ThreadView parent = c.ancestor(1);
            seen.add(new Seen(e.number(), EventFields.typeName(e), t == null ? null : t.comm(), parent == null ? null : parent.comm(),
                    fd == null ? null : fd.name(), fd == null ? 0 : fd.typeChar(), c.containerId(), c.fdNumber(), t));
        });
        Seen shadow = seen.stream().filter(s -> "openat".equals(s.type()) && "/etc/shadow".equals(s.fd())).reduce((a, b) -> b).orElseThrow();
        assertThat(shadow.comm()).isEqualTo("cat");
        assertThat(shadow.parent()).isEqualTo("bash");
        assertThat(shadow.typeChar()).isEqualTo('f');
        assertThat(shadow.container()).as("on the host").isEmpty();
        assertThat(shadow.fdNumber()).isNotNegative();
        assertThat(shadow.thread().exePath()).isEqualTo("/usr/bin/cat");
        assertThat(shadow.thread().argCount()).isEqualTo(1);
        assertThat(shadow.thread().arg(0)).isEqualTo("/etc/shadow");
        assertThat(shadow.thread().isMainThread()).isTrue();

        // cat's process was bash until its execve: the events before it saw a bash version of the thread,
        // and still do, although the thread is cat by the time the batch is visited
        long catTid = shadow.thread().tid();
        List<Seen> ofCat = seen.stream().filter(s -> s.thread() != null && s.thread().tid() == catTid).toList();
        assertThat(ofCat).extracting(Seen::comm).contains("bash", "cat");
        int firstCat = ofCat.stream().map(Seen::comm).toList().indexOf("cat");
        assertThat(ofCat.subList(0, firstCat)).extracting(Seen::comm).containsOnly("bash");
        assertThat(ofCat.subList(firstCat, ofCat.size())).extracting(Seen::comm).containsOnly("cat");
    }
}
