package org.lanner.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Reads a user's text file (a rules file, {@code lanner.yaml}) with a size bound and strict UTF-8,
 * saying why when it cannot: the reason as the system words it ("No such file or directory",
 * "Permission denied", "is a directory"), a file larger than the bound, or the line, column and byte
 * offset of the first byte that is not UTF-8. Never reads more than the bound, so {@code /dev/zero}
 * or a growing pipe cannot fill the heap.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * Why a file could not be read as text.
     *
     * @param line 1-based line of the problem, 0 when it is about the whole file
     * @param column 1-based column (in characters) of the problem, 0 when it is about the whole file
     * @param reason what is wrong, without the file name
     */
    public record Failure(int line, int column, String reason) {
    }

    /** Thrown when a file cannot be read as text. */
    public static final class TextFileException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        TextFileException(Failure failure) {
            super(failure.reason());
            this.failure = failure;
        }

        /** Where and why. */
        public Failure failure() {
            return failure;
        }
    }

    /**
     * The bytes of {@code file}, at most {@code maxBytes}.
     *
     * @param what what the file is for the message ({@code "rules file"})
     * @throws TextFileException when it is missing, unreadable, a directory or larger than {@code maxBytes}
     */
    public static byte[] readBounded(Path file, long maxBytes, String what) throws TextFileException {
        if (Files.isDirectory(file)) {
            throw new TextFileException(new Failure(0, 0, "is a directory, not a " + what));
        }
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes + 1, 64 * 1024));
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            while (true) {
                int want = (int) Math.min(buf.length, maxBytes + 1 - total);
                int n = in.read(buf, 0, want);
                if (n < 0) {
                    return out.toByteArray();
                }
                total += n;
                if (total > maxBytes) {
                    throw new TextFileException(new Failure(0, 0, "is larger than " + size(maxBytes) + ", the limit for a " + what));
                }
                out.write(buf, 0, n);
            }
        } catch (TextFileException e) {
            throw e;
        } catch (IOException e) {
            throw new TextFileException(new Failure(0, 0, reason(e)));
        }
    }

    /**
     * {@code bytes} decoded as strict UTF-8 (a leading byte-order mark dropped).
     *
     * @throws TextFileException naming the line, column and byte offset of the first byte that is not UTF-8
     */
    public static String decodeUtf8(byte[] bytes) throws TextFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            // the column counts characters: the line's bytes before the bad one decode cleanly
            int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new TextFileException(new Failure(line, column, String.format(
                    "is not valid UTF-8: byte 0x%02X at byte offset %d (line %d, column %d) cannot be decoded; save the file as UTF-8",
                    bytes[offset] & 0xff, offset, line, column)));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The bytes of {@code file} as text: {@link #readBounded} then {@link #decodeUtf8}. */
    public static String readUtf8(Path file, long maxBytes, String what) throws TextFileException {
        return decodeUtf8(readBounded(file, maxBytes, what));
    }

    /** The reason of an I/O failure as the system words it, without the file name. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** A byte count as people say it: {@code 4 MiB}, {@code 512 KiB}, {@code 100 bytes}. */
    public static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
