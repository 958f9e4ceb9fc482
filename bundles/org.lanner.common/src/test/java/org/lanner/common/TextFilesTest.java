package org.lanner.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsUpToTheBoundAndNoFurther() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[100]);
        assertThat(TextFiles.readBounded(f, 100, "test file")).hasSize(100);
        assertThatThrownBy(() -> TextFiles.readBounded(f, 99, "test file")).isInstanceOf(TextFiles.TextFileException.class)
                .hasMessage("is larger than 99 bytes, the limit for a test file");
    }

    @Test
    void namesTheReasonAFileCannotBeRead() {
        assertThatThrownBy(() -> TextFiles.readBounded(dir.resolve("none"), 10, "test file")).hasMessage("No such file or directory");
        assertThatThrownBy(() -> TextFiles.readBounded(dir, 10, "test file")).hasMessage("is a directory, not a test file");
    }

    @Test
    void aBadByteIsPlacedByLineColumnAndOffset() {
        // the column counts characters: "é" before the bad byte is one column, two bytes
        byte[] text = "ab\n\u00e9x".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[text.length + 1];
        System.arraycopy(text, 0, bad, 0, text.length);
        bad[text.length] = (byte) 0xFF;
        assertThatThrownBy(() -> TextFiles.decodeUtf8(bad)).isInstanceOfSatisfying(TextFiles.TextFileException.class, e -> {
            assertThat(e.failure().line()).isEqualTo(2);
            assertThat(e.failure().column()).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo("is not valid UTF-8: byte 0xFF at byte offset 6 (line 2, column 3) cannot be decoded;"
                    + " save the file as UTF-8");
        });
    }

    @Test
    void aByteOrderMarkIsNotContent() throws Exception {
        assertThat(TextFiles.decodeUtf8("\uFEFFa: 1\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("a: 1\n");
    }
}
