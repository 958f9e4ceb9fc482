package org.lanner.driver.ebpf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;

/** The DS component: a probe loaded ahead by prepare() is the one open() starts. As root only. */
class EbpfEventSourceTest {

    private static final int PROCEXIT = 186;
    private static final int EXECVE_X = 293;
    private static final int WRITE_X = 9;

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

    /** The data kept of a 1000-byte write by dd. */
    private static int writtenBytesKept(EventStream stream) throws Exception {
        Capture capture = new Capture(stream);
        Process p = new ProcessBuilder("dd", "if=/dev/zero", "of=/dev/null", "bs=1000", "count=1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).isZero();
        long pid = p.pid();
        List<Rec> events = capture.until(r -> r.tid() == pid, l -> l.stream().anyMatch(r -> r.type() == PROCEXIT), 15_000);
        Rec write = events.stream().filter(r -> r.type() == WRITE_X && r.s64(0) == 1000).findFirst()
                .orElseThrow(() -> new AssertionError("no 1000-byte write of dd: " + events));
        return write.params()[1].length;
    }

    @Test
    void eachStreamKeepsTheSnaplenItsOpenParametersSay() throws Exception {
        EbpfEventSource source = new EbpfEventSource(config());
        source.prepare();
        try (EventStream stream = source.open("snaplen=200")) {
            assertThat(writtenBytesKept(stream)).as("a prepared probe gets the stream's snaplen").isEqualTo(200);
        } finally {
            source.deactivate();
        }
        try (EventStream stream = source.open("snaplen=1000")) {
            assertThat(writtenBytesKept(stream)).as("a probe loaded at open").isEqualTo(1000);
        }
        try (EventStream stream = source.open("")) {
            assertThat(writtenBytesKept(stream)).as("the configured snaplen").isEqualTo(80);
        }
    }

    @Test
    void aSnaplenTheProbeCannotKeepIsRefusedBeforeLoading() {
        EbpfEventSource source = new EbpfEventSource(config());
        assertThatThrownBy(() -> source.open("snaplen=65000")).isInstanceOf(SourceException.class)
                .hasMessage("snaplen can't exceed 8192 bytes with the eBPF driver (the longest I/O buffer its probe copies), not 65000");
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
