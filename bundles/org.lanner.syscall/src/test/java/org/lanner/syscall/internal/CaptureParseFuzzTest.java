package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Timeout;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.source.SourceException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes a capture all the way through the syscall bundle with Jazzer: any bytes are read by the
 * capture reader, every event is parsed into the thread, fd and container state, and every field
 * of every syscall field class is extracted and rendered as an output would. The contract: the
 * run ends, or fails with a {@link SourceException} naming the capture; any other exception, a
 * {@link StackOverflowError}, an {@link OutOfMemoryError} or a hang is a finding.
 *
 * <p>An ordinary build runs this over {@code CaptureParseFuzzTestInputs/parseCapture} (seeds from
 * our own captures by {@code org.lanner.scap/src/test/gen/fuzz_seeds.py}, and every finding);
 * {@code mvn -Pfuzz} fuzzes it (docs/building.md).
 */
class CaptureParseFuzzTest {

    private static final List<FieldAccessor> FIELDS = bindAll();
    private static final Path FILE = tempFile();

    @FuzzTest
    // seconds per input (the first one also instruments classes): a hang is a finding; a thread of its own so
    // that the ordinary build fails rather than hangs (while fuzzing, libFuzzer applies it: -timeout)
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void parseCapture(byte[] capture) throws IOException {
        Files.write(FILE, capture);
        ValueHolder h = new ValueHolder();
        long[] events = {0};
        try {
            Replay.run(FILE, 16, (e, session) -> {
                events[0]++;
                for (FieldAccessor a : FIELDS) {
                    Fields.text(a, e, h);
                }
            });
        } catch (SourceException e) {
            assertThat(e.getMessage()).startsWith(FILE.toString()).doesNotContain("internal error");
        } catch (Exception e) {
            throw new AssertionError("a capture the reader accepted failed in the parser after " + events[0] + " events", e);
        }
    }

    /** Every field that binds without an argument, and a few common ones with one. */
    private static List<FieldAccessor> bindAll() {
        List<FieldAccessor> out = new ArrayList<>();
        for (FieldExtractor x : Fields.CLASSES) {
            for (FieldInfo f : x.fields()) {
                try {
                    out.add(x.bind(f.name(), null));
                } catch (FieldBindException e) {
                    // needs an argument
                }
            }
        }
        for (String ref : List.of("proc.aname[2]", "proc.apid[1]", "evt.arg[0]", "evt.arg.fd", "evt.rawarg.res")) {
            try {
                out.add(Fields.bind(ref));
            } catch (FieldBindException e) {
                throw new IllegalStateException(ref, e);
            }
        }
        return out;
    }

    private static Path tempFile() {
        try {
            Path file = Files.createTempFile("lanner-fuzz-", ".scap");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
