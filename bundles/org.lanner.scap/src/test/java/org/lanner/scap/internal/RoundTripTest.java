package org.lanner.scap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanner.api.event.EventBatch;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;

/**
 * Every capture read and written back by us: Debian's sysdig sees the same events in both files
 * (with process and fd names resolved from the header blocks we wrote), and our reader reads the
 * copy back identically.
 */
class RoundTripTest {

    private static final String FORMAT = "%evt.num %evt.type %evt.dir %thread.tid %evt.rawtime %evt.cpu %proc.name %fd.name %evt.rawarg.res";

    @TempDir
    Path tmp;

    static Stream<Path> captures() throws IOException {
        return SysdigOracleTest.captures().filter(p -> !p.getFileName().toString().equals("no_events.scap"));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void sysdigSeesTheSameEventsInTheCopy(Path capture) throws Exception {
        Sysdig.require();
        Path copy = tmp.resolve("copy.scap");
        copy(capture.toString(), copy, false);
        List<String> original = Sysdig.run(capture, FORMAT).events();
        List<String> written = Sysdig.run(copy, FORMAT).events();
        assertThat(written).as("sysdig on the copy of %s", capture).isNotEmpty().containsExactlyElementsOf(original);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void ourReaderReadsTheCopyIdentically(Path capture) throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            Path copy = tmp.resolve(gzip ? "copy.scap.gz" : "copy.scap");
            copy(capture.toString(), copy, gzip);
            Captures.Read original = Captures.read(capture.toString(), Captures.ANY_PLUGIN);
            Captures.Read again = Captures.read(copy.toString(), Captures.ANY_PLUGIN);
            assertThat(again.error()).isNull();
            assertThat(again.events()).hasSameSizeAs(original.events());
            for (int i = 0; i < original.events().size(); i++) {
                Captures.Ev a = original.events().get(i);
                Captures.Ev b = again.events().get(i);
                assertThat(b.record()).as("record of event %d", a.number()).isEqualTo(a.record());
                assertThat(List.of(b.source(), b.cpu(), b.flags())).as("event %d", a.number())
                        .isEqualTo(List.of(a.source(), a.cpu(), a.flags()));
            }
            assertThat(again.snapshots()).hasSameSizeAs(original.snapshots());
            for (int i = 0; i < original.snapshots().size(); i++) {
                assertThat(Snapshots.describe(again.snapshots().get(i))).isEqualTo(Snapshots.describe(original.snapshots().get(i)));
            }
        }
    }

    /** Reads {@code from} and records everything it delivers into {@code to}, as {@code lanner -w} would. */
    static void copy(String from, Path to, boolean gzip) throws IOException, SourceException {
        try (ScapEventStream in = ScapEventStream.open(from, Captures.ANY_PLUGIN);
                EventRecorder out = new ScapRecorderFactory().create(to, gzip)) {
            out.snapshot(in.snapshot().orElseThrow());
            EventBatch batch = new EventBatch(1 << 20, 512);
            while (true) {
                batch.clear();
                int n;
                try {
                    n = in.nextBatch(batch);
                } catch (SourceException e) {
                    break; // a damaged original: keep what was delivered
                }
                if (n == EventStream.EOF) {
                    break;
                }
                if (n == EventStream.NEW_SNAPSHOT) {
                    out.snapshot(in.snapshot().orElseThrow());
                } else {
                    out.record(batch);
                }
            }
        }
        assertThat(Files.size(to)).isPositive();
    }
}
