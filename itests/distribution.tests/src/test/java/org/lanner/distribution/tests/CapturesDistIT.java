package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and damaged captures, and recordings that cannot be made, through bin/lanner of the
 * unpacked standalone distribution (its own -Xmx192m and -Xss512k): each either goes through with
 * what it could not read counted and logged once, or fails with one line naming the file and what
 * was lost, and exit status 1. Captures are crafted byte by byte here (format: scap-file-format.md).
 */
class CapturesDistIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** A rule on every close exit: each close event of a crafted capture is one detection. */
    private static final String RULES = """
            - rule: close seen
              desc: a close
              condition: evt.type=close and evt.dir=<
              output: "close fd=%fd.num"
              priority: WARNING
            """;

    private static Path home;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        home = Dist.standalone();
    }

    private Proc.Result lanner(String... args) throws IOException, InterruptedException {
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/lanner").toString(), "-r", rules.toString(), "-A", "-v",
                "-o", "syslog_output.enabled=false", "-o", "json_output=false"));
        cmd.addAll(List.of(args));
        return Proc.run(tmp, TIMEOUT, cmd.toArray(String[]::new));
    }

    private static void assertFailure(Proc.Result r, String... expected) {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).as(r.all()).contains(expected).doesNotContain("Exception").doesNotContain("Error:").doesNotContain("\tat ");
    }

    private static long occurrences(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void aContainerEventNestedTooDeepIsSkippedCountedLoggedOnceAndTheRestRead() throws Exception {
        // 2,000 levels overflowed the reader's stack: the run ended with StackOverflowError and nothing detected
        String deep = "{\"container\":{\"id\":\"abc\",\"v\":" + "[".repeat(2000) + "]".repeat(2000) + "}}";
        Capture c = new Capture().containerJson(deep);
        for (int i = 0; i < 3; i++) {
            c.closeExit(100);
        }
        c.containerJson(deep).closeExit(100).closeExit(100);
        Path file = c.write(tmp.resolve("deep.scap"));
        Proc.Result r = lanner("-e", file.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Events detected: 5");
        assertThat(r.err()).contains("Captured Events: 7,");
        assertThat(occurrences(r.err(), "deep.scap: event 1: container event skipped: its JSON is malformed: nested deeper than 200 levels"))
                .as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("deep.scap: 2 malformed event(s) skipped, each hidden from rules").doesNotContain("event 5:")
                .doesNotContain("StackOverflowError");
    }

    @Test
    void aHeaderBlockLargerThanTheHeapCanHoldIsRefusedWithTheLimit() throws Exception {
        // a 100 MB process list, 100 KB gzipped: OutOfMemoryError before
        int length = 100 << 20;
        Path file = tmp.resolve("huge.scap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(Capture.shb());
            out.write(le(8).putInt(0x215).putInt(length).array());
            byte[] zeros = new byte[1 << 20];
            for (int left = length - 12; left > 0; left -= zeros.length) {
                out.write(zeros, 0, Math.min(left, zeros.length));
            }
            out.write(le(4).putInt(length).array());
        }
        assertThat(Files.size(file)).isLessThan(1 << 20);
        Proc.Result r = lanner("-e", file.toString());
        assertFailure(r, "Runtime error: " + file + ": offset 28: process list block 0x215: declares 104857600 bytes, more than the limit of ",
                " MiB Java heap; a larger heap, e.g. LANNER_JAVA_OPTS=-Xmx2g, raises it) for header blocks");
        assertThat(r.all()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void aCaptureCutInAnEventGivesTheEventsBeforeItAndFails() throws Exception {
        Capture c = new Capture().machineInfo("host");
        for (int i = 0; i < 5; i++) {
            c.closeExit(100);
        }
        byte[] whole = c.bytes();
        int eventBlock = c.lastBlockLength();
        // in the middle of the fourth event: three are read, evaluated, and the run fails saying so
        Path cut = tmp.resolve("cut-event.scap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - eventBlock - eventBlock / 2));
        Proc.Result r = lanner("-e", cut.toString());
        assertFailure(r, "Runtime error: " + cut + ": offset " + (whole.length - 2 * eventBlock) + ": event block 0x216: truncated: the block's "
                + "length is " + eventBlock + " bytes but the file ends first (3 event(s) of " + cut + " evaluated, the rest not). Exiting.");
        assertThat(r.out()).contains("Events detected: 3");
        assertThat(r.err()).contains("Captured Events: 3,");
        // in the middle of a block header
        Path header = tmp.resolve("cut-header.scap");
        Files.write(header, Arrays.copyOf(whole, whole.length - eventBlock - eventBlock + 5));
        r = lanner("-e", header.toString());
        assertFailure(r, header + ": offset " + (whole.length - 2 * eventBlock) + ": truncated block header: the file ends after 5 of its 8 "
                + "bytes (3 event(s) of " + header + " evaluated, the rest not)");
        assertThat(r.out()).contains("Events detected: 3");
    }

    @Test
    void aCaptureCutInAHeaderBlockFailsBeforeAnyEvent() throws Exception {
        byte[] whole = new Capture().machineInfo("host").closeExit(100).bytes();
        Path cut = tmp.resolve("cut-mi.scap");
        Files.write(cut, Arrays.copyOf(whole, 28 + 40));
        Proc.Result r = lanner("-e", cut.toString());
        assertFailure(r, "Runtime error: " + cut + ": offset 28: machine info block 0x201: truncated: the block's length is 192 bytes but "
                + "the file ends first. Exiting.");
        assertThat(r.out()).doesNotContain("Events detected");
    }

    @Test
    void recordingIntoTheCaptureBeingReadIsRefusedBeforeItIsTouched() throws Exception {
        // -e X -w X emptied X before reading it
        Path file = new Capture().closeExit(100).closeExit(100).write(tmp.resolve("in.scap"));
        byte[] before = Files.readAllBytes(file);
        Path symlink = Files.createSymbolicLink(tmp.resolve("link.scap"), file.getFileName());
        Path hardlink = Files.createLink(tmp.resolve("hard.scap"), file);
        for (Path out : List.of(file, symlink, hardlink)) {
            Proc.Result r = lanner("-e", file.toString(), "-w", out.toString());
            assertFailure(r, "Runtime error: cannot record into " + out + ": it is the file the run reads (" + file
                    + "), which recording would empty before it is read; record into another file. Exiting.");
            assertThat(Files.readAllBytes(file)).as("-w %s", out).isEqualTo(before);
        }
        // another file is recorded as usual
        Proc.Result r = lanner("-e", file.toString(), "-w", tmp.resolve("copy.scap").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(Files.size(tmp.resolve("copy.scap"))).isPositive();
    }

    @Test
    void aRecordingThatCannotBeWrittenFailsTheRun() throws Exception {
        Path file = new Capture().closeExit(100).closeExit(100).write(tmp.resolve("in.scap"));
        Proc.Result r = lanner("-e", file.toString(), "-w", "/dev/full");
        assertFailure(r, "Runtime error: recording failed: No space left on device (");
        assertThat(r.err()).contains("scap recorder /dev/full is incomplete). Exiting.");
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A capture in format 1.2, crafted block by block. */
    private static final class Capture {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long ts = 1_600_000_000_000_000_000L;
        private int last;

        Capture() {
            out.writeBytes(shb());
        }

        static byte[] shb() {
            return le(28).putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 2).putLong(-1)
                    .putInt(28).array();
        }

        Capture block(int type, byte[] body) {
            int length = (8 + body.length + 4 + 3) & ~3;
            ByteBuffer b = le(length).putInt(type).putInt(length).put(body);
            b.putInt(length - 4, length);
            out.writeBytes(b.array());
            last = length;
            return this;
        }

        Capture machineInfo(String host) {
            ByteBuffer b = le(4 + 8 + 8 + 128 + 32).putInt(2).putLong(1L << 30).putLong(32768);
            b.put(host.getBytes(StandardCharsets.UTF_8));
            return block(0x201, b.array());
        }

        /** An event record (u16 parameter lengths) in an event block. */
        Capture event(long tid, int type, byte[]... params) {
            int length = 26 + 2 * params.length + Arrays.stream(params).mapToInt(p -> p.length).sum();
            ByteBuffer b = le(2 + length).putShort((short) 0).putLong(ts += 1000).putLong(tid).putInt(length).putShort((short) type)
                    .putInt(params.length);
            for (byte[] p : params) {
                b.putShort((short) p.length);
            }
            for (byte[] p : params) {
                b.put(p);
            }
            return block(0x216, b.array());
        }

        Capture closeExit(long tid) {
            return event(tid, 5, le(8).putLong(0).array());
        }

        /** libsinsp's container event (type 272): its JSON, NUL-terminated. */
        Capture containerJson(String json) {
            byte[] text = (json + "\0").getBytes(StandardCharsets.UTF_8);
            return event(-1, 272, text);
        }

        int lastBlockLength() {
            return last;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        Path write(Path file) throws IOException {
            return Files.write(file, bytes());
        }
    }
}
