package org.lanner.api.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a run records what its inputs delivered ({@code lanner -w FILE}).
 *
 * @param file the file to write (replaced if it exists); {@code -} for standard output
 * @param format the file format, as recorders register it ({@code scap})
 * @param compress whether to gzip what is written
 */
public record RecordSpec(Path file, String format, boolean compress) {

    public RecordSpec {
        Objects.requireNonNull(file, "file");
        format = format == null || format.isEmpty() ? "scap" : format;
    }

    /** A plain capture file. */
    public static RecordSpec scap(Path file) {
        return new RecordSpec(file, "scap", false);
    }
}
