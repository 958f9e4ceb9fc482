package org.lanner.api.run;

import java.nio.file.Path;
import java.util.Objects;

import org.lanner.api.source.EventSource;

/**
 * One input of a run: a source to open, and how.
 *
 * @param source the event source name ({@code syscall}, a plugin's source…); empty for a file whose
 *     source is chosen from its content ({@link EventSource#recognizes})
 * @param input the kind of input: {@link EventSource#INPUT_FILE}, {@link EventSource#INPUT_LIVE} or
 *     {@link EventSource#INPUT_PLUGIN}
 * @param params the source's open parameters (a file name, a plugin's open parameters); may be empty
 */
public record InputSpec(String source, String input, String params) {

    public InputSpec {
        source = source == null ? "" : source;
        Objects.requireNonNull(input, "input");
        params = params == null ? "" : params;
    }

    /** A file, read by whichever file source recognizes its content ({@code lanner -e FILE}). */
    public static InputSpec file(Path file) {
        return new InputSpec("", EventSource.INPUT_FILE, file.toString());
    }

    /** A file read by the file source of {@code source}. */
    public static InputSpec file(String source, Path file) {
        return new InputSpec(source, EventSource.INPUT_FILE, file.toString());
    }

    /** Live events of {@code source} on this host. */
    public static InputSpec live(String source) {
        return new InputSpec(source, EventSource.INPUT_LIVE, "");
    }

    @Override
    public String toString() {
        return (source.isEmpty() ? "?" : source) + "/" + input + (params.isEmpty() ? "" : " " + params);
    }
}
