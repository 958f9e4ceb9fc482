package org.lanner.driver.ebpf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lanner.api.source.SourceStats;

/**
 * A reader that falls behind, as root: with 4 KiB rings and nobody reading, a burst of system calls
 * overruns them; every event lost is counted as a buffer drop, and what was written is delivered.
 */
class RingOverrunTest {

    @Test
    void eventsLostToAFullRingAreCountedAsBufferDrops() throws Exception {
        EbpfTests.assumeCapture();
        DriverSettings d = DriverSettings.DEFAULTS;
        DriverSettings small = new DriverSettings(4096, d.snaplen(), d.windowNanos(), d.copyBufferBytes(), d.maxEventsPerCall());
        try (LiveEventStream stream = LiveEventStream.open(small, new ProcScanner())) {
            Capture capture = new Capture(stream);
            capture.drain();
            SourceStats before = stream.stats();
            // 20,000 one-byte reads and writes while the stream is not read: far more than 4 KiB of events
            Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=20000").redirectErrorStream(true).start();
            dd.getInputStream().readAllBytes();
            assertThat(dd.waitFor()).isZero();
            capture.until(r -> false, l -> false, 300);
            SourceStats after = stream.stats();
            long lost = after.dropsBuffer() - before.dropsBuffer();
            assertThat(lost).as("buffer drops: %s", after).isGreaterThan(10_000);
            assertThat(after.drops() - before.drops()).as("drops count every loss").isGreaterThanOrEqualTo(lost);
            // what the probe wrote reached Java: losses happen at the ring, not after it
            assertThat(stream.delivered()).isLessThanOrEqualTo(after.events()).isGreaterThan(after.events() - 4096);
        }
    }
}
