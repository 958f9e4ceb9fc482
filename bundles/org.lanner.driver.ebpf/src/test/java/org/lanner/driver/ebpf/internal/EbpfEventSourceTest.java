package org.lanner.driver.ebpf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lanner.api.source.EventStream;

/** The DS component: a probe loaded ahead by prepare() is the one open() starts. As root only. */
class EbpfEventSourceTest {

    private static final int PROCEXIT = 186;
    private static final int EXECVE_X = 293;

    @BeforeAll
    static void root() {
        EbpfTests.assumeCapture();
    }

    private static EbpfEventSource.Config config() {
        return new EbpfEventSource.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EbpfEventSource.Config.class;
            }

            @Override
            public int bufferSizeMb() {
                return 4;
            }

            @Override
            public int snaplen() {
                return 80;
            }

            @Override
            public int reorderWindowMicros() {
                return 1000;
            }
        };
    }

    /** The exec and exit of one process run while the stream is open. */
    private static List<Rec> execOf(EventStream stream) throws Exception {
        Capture capture = new Capture(stream);
        Process p = new ProcessBuilder("/bin/true").start();
        assertThat(p.waitFor()).isZero();
        long pid = p.pid();
        return capture.until(r -> r.tid() == pid, l -> l.stream().anyMatch(r -> r.type() == PROCEXIT), 15_000);
    }

    @Test
    void aPreparedProbeCapturesOnceOpened() throws Exception {
        EbpfEventSource source = new EbpfEventSource(config());
        source.prepare();
        source.prepare(); // a second call while the first load runs changes nothing
        try (EventStream stream = source.open("")) {
            assertThat(stream.snapshot()).as("the /proc snapshot is read at open").isPresent();
            List<Rec> events = execOf(stream);
            assertThat(events).anyMatch(r -> r.type() == EXECVE_X && r.s64(0) == 0);
        } finally {
            source.deactivate();
        }
    }

    @Test
    void openWithoutPrepareAndAfterAnUnusedPrepare() throws Exception {
        EbpfEventSource unused = new EbpfEventSource(config());
        unused.prepare();
        unused.deactivate(); // the prepared probe is unloaded, never started

        EbpfEventSource source = new EbpfEventSource(config());
        try (EventStream stream = source.open("")) {
            assertThat(execOf(stream)).anyMatch(r -> r.type() == EXECVE_X && r.s64(0) == 0);
        }
        // prepared probes are used once: the next open loads a new one
        source.prepare();
        try (EventStream first = source.open("")) {
            assertThat(execOf(first)).anyMatch(r -> r.type() == PROCEXIT);
        }
        try (EventStream second = source.open("")) {
            assertThat(execOf(second)).anyMatch(r -> r.type() == PROCEXIT);
        }
    }
}
