package org.lanner.scap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanner.api.source.SourceException;

/**
 * Fuzz-style robustness: every real capture, truncated at many offsets and with words overwritten
 * by hostile values, must read to either events and the end, or a {@link SourceException} naming
 * the file and an offset; never another exception, never a hang, never an allocation a length
 * claims but the file does not hold. The timeout is a hang guard, not a speed check.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DamagedCapturesTest {

    private static final int[] HOSTILE = {0, 1, 3, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFF0, 65545};

    static java.util.stream.Stream<Path> captures() throws IOException {
        return SysdigOracleTest.captures();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void truncatedAnywhere(Path capture) throws Exception {
        byte[] plain = uncompressed(capture);
        Outcome outcome = new Outcome();
        int step = Math.max(1, plain.length / 100);
        for (int cut = 0; cut < plain.length; cut += step) {
            outcome.add(read(Arrays.copyOf(plain, cut), cut));
        }
        // every offset inside the header blocks' first bytes, where most structure is
        for (int cut = 0; cut < Math.min(plain.length, 300); cut++) {
            outcome.add(read(Arrays.copyOf(plain, cut), cut));
        }
        byte[] gz = Files.readAllBytes(capture);
        if ((gz[0] & 0xFF) == 0x1F) {
            for (int cut = 0; cut < gz.length; cut += Math.max(1, gz.length / 40)) {
                outcome.add(read(Arrays.copyOf(gz, cut), cut));
            }
        }
        assertThat(outcome.failures).as("%s: truncated copies that failed cleanly", capture).isPositive();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void hostileWordsAnywhere(Path capture) throws Exception {
        byte[] plain = uncompressed(capture);
        Random random = new Random(capture.getFileName().toString().hashCode());
        Outcome outcome = new Outcome();
        // the block headers (type and length) are where lengths live: hit every one of them
        ByteBuffer b = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0, n = 0; at + 8 <= plain.length && n < 400; n++) {
            long length = Integer.toUnsignedLong(b.getInt(at + 4));
            int word = HOSTILE[n % HOSTILE.length];
            outcome.add(read(patched(plain, at + 4, word), at));
            outcome.add(read(patched(plain, at + 8 + random.nextInt(16), random.nextInt()), at));
            if (length < 12 || at + length > plain.length) {
                break;
            }
            at += (int) length;
        }
        for (int i = 0; i < 200; i++) {
            int at = random.nextInt(Math.max(1, plain.length - 4));
            int word = random.nextBoolean() ? HOSTILE[random.nextInt(HOSTILE.length)] : random.nextInt();
            outcome.add(read(patched(plain, at, word), at));
        }
        assertThat(outcome.reads).isPositive();
    }

    private static byte[] patched(byte[] plain, int at, int word) {
        byte[] copy = plain.clone();
        if (at + 4 <= copy.length) {
            ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, word);
        }
        return copy;
    }

    /** Reads a damaged capture; returns whether it failed (cleanly), throws on anything unclean. */
    private static boolean read(byte[] capture, int where) {
        try {
            Captures.Read read = Captures.read(Captures.open(capture, Captures.ANY_PLUGIN), 1 << 17, 256);
            if (read.error() != null) {
                assertClean(read.error(), where);
                return true;
            }
            return false;
        } catch (SourceException e) {
            assertClean(e, where);
            return true;
        }
    }

    private static void assertClean(SourceException e, int where) {
        assertThat(e.getMessage()).as("damage at %d", where).startsWith("test.scap: offset ").doesNotContain("internal error");
    }

    static byte[] uncompressed(Path capture) throws IOException {
        try (InputStream in = CaptureInput.open(capture.toString()).stream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static final class Outcome {
        int reads;
        int failures;

        void add(boolean failed) {
            reads++;
            if (failed) {
                failures++;
            }
        }
    }
}
