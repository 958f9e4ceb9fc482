package org.lanner.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lanner.config.internal.Fixtures.STDOUT;
import static org.lanner.config.internal.Fixtures.errors;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.config.ConfigResult;

/**
 * Configuration files built to exhaust the loader (issue 12): each ends in one error naming the
 * file and line, quickly, never in an {@code OutOfMemoryError} or a {@code StackOverflowError}.
 */
@Timeout(20)
class HostileConfigTest {

    @TempDir
    Path dir;

    /** Six anchors, five of nine aliases each (45, within SnakeYAML's 50): 9^6 values once expanded. */
    private static String bomb(String sep) {
        StringBuilder sb = new StringBuilder("&a0 [x, x, x, x, x, x, x, x, x]");
        for (int i = 1; i < 6; i++) {
            sb.append(sep).append("&a").append(i).append(" [");
            for (int k = 0; k < 9; k++) {
                sb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]");
        }
        return sb.toString();
    }

    @Test
    void aliasBombIsAnError() {
        // SnakeYAML's own limit of 50 aliases lets 9^6 values through; the expanded count stops it
        assertThat(errors(STDOUT + "x:\n- " + bomb("\n- ") + "\n")).singleElement().asString()
                .matches("/etc/lanner/lanner\\.yaml:[3-8]: the document holds more than 100000 values once its aliases are expanded");
    }

    @Test
    void aliasBombInAnOverrideIsAnError() {
        assertThat(errors(STDOUT, "rules_file=[" + bomb(", ") + "]")).singleElement().asString()
                .startsWith("-o: rules_file: cannot read '[&a0").endsWith("as a YAML list: the value holds more than 100000 values "
                        + "once its aliases are expanded");
    }

    @Test
    void tooManyValuesAreRefusedBeforeTheyAreBuilt() {
        // 2 bytes a value: 1 MiB holds 500,000, more than bin/lanner's heap holds as YAML nodes beside the rest
        String many = "x: [" + String.join(",", java.util.Collections.nCopies(100_001, "a")) + "]\n";
        assertThat(errors(STDOUT + many)).containsExactly("/etc/lanner/lanner.yaml:2: the document holds more than 100000 values");
    }

    @Test
    void deepNestingNamesItsLine() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(errors(STDOUT + "priority: debug\nx: " + deep + "\n")).containsExactly(
                "/etc/lanner/lanner.yaml:3: the document nests deeper than 32 levels");
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("lanner.yaml");
        byte[] comment = ("# " + "x".repeat(1021) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[10 * 1024 * 1024];
        for (int i = 0; i < content.length; i += comment.length) {
            System.arraycopy(comment, 0, content, i, Math.min(comment.length, content.length - i));
        }
        Files.write(big, content);
        ConfigResult r = ConfigLoader.load(big, List.of()).result();
        assertThat(r.problems()).map(Object::toString).containsExactly(big + ": is larger than 1 MiB, the limit for a configuration file");
    }

    @Test
    void devZeroIsRefusedBeforeItIsRead() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        long start = System.nanoTime();
        ConfigResult r = ConfigLoader.load(zero, List.of()).result();
        assertThat(r.problems()).map(Object::toString).containsExactly("/dev/zero: is larger than 1 MiB, the limit for a configuration file");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void notUtf8NamesItsLine() throws Exception {
        Path f = dir.resolve("lanner.yaml");
        Files.write(f, (STDOUT + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        ConfigResult r = ConfigLoader.load(f, List.of()).result();
        assertThat(r.problems()).map(Object::toString).containsExactly(f + ":2: is not valid UTF-8: byte 0xE9 at byte offset 36 "
                + "(line 2, column 6) cannot be decoded; save the file as UTF-8");
    }
}
