package org.lanner.scap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.lanner.api.source.SourceException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the capture reader with Jazzer: any bytes, plain or gzip, read through the public stream
 * contract ({@link ScapEventStream}: header blocks into a snapshot, then events in small batches).
 * The contract: the capture reads to the end, or fails with a {@link SourceException} that names
 * the capture and an offset. Any other exception, an "internal error" of the reader, a
 * {@link StackOverflowError}, an {@link OutOfMemoryError} or a hang is a finding.
 *
 * <p>In an ordinary build this runs over the inputs in {@code ScapReaderFuzzTestInputs/readCapture}
 * (seeds from our own captures, made by {@code src/test/gen/fuzz_seeds.py}, and every finding
 * kept as a regression case); {@code mvn -Pfuzz} fuzzes it (docs/building.md).
 */
class ScapReaderFuzzTest {

    @FuzzTest
    // seconds per input (the first one also instruments classes): a hang is a finding; a thread of its own so
    // that the ordinary build fails rather than hangs (while fuzzing, libFuzzer applies it: -timeout)
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readCapture(byte[] capture) {
        Captures.Read read;
        try {
            // small batches: more batch boundaries, large events that do not fit a batch
            read = Captures.read(Captures.open(capture, Captures.ANY_PLUGIN), 4096, 16);
        } catch (SourceException e) {
            assertClean(e);
            return;
        }
        if (read.error() != null) {
            assertClean(read.error());
        }
        assertThat(read.snapshots()).isNotEmpty();
    }

    private static void assertClean(SourceException e) {
        assertThat(e.getMessage()).startsWith("test.scap: ").doesNotContain("internal error");
    }
}
