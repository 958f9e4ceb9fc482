package org.lanner.api.source;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A provider of events. Register it as a service with the properties {@link #SOURCE} (the source
 * name rules refer to with {@code source:}) and {@link #INPUT} (how the engine picks it when
 * several serve the same source), for instance with {@link EventSourceName}.
 *
 * <p>Falco mapping: a source plugin's state ({@code plugin_init}) is the service,
 * {@code plugin_open} is {@link #open(String)}.
 */
@ConsumerType
public interface EventSource {

    /** Service property: the event source name, e.g. {@code syscall}, {@code k8s_audit}. */
    String SOURCE = "lanner.source";

    /** Service property: the kind of input, one of {@link #INPUT_FILE}, {@link #INPUT_LIVE}, {@link #INPUT_PLUGIN}. */
    String INPUT = "lanner.input";

    /** Service property: the numeric id of a plugin source (Falco plugin ids), when it has one. */
    String PLUGIN_ID = "lanner.plugin.id";

    /** Reads a capture file named by the open parameters ({@code lanner -e FILE}). */
    String INPUT_FILE = "file";

    /** Captures live from this host (the driver). */
    String INPUT_LIVE = "live";

    /** A plugin's own input. */
    String INPUT_PLUGIN = "plugin";

    /** The event source name. */
    String sourceName();

    /** One line for {@code --list} and the shell. */
    default String description() {
        return sourceName();
    }

    /**
     * Starts a stream of events.
     *
     * @param params source-specific open parameters (a file name, plugin open params); may be empty
     * @throws SourceException with a message for the user when the stream cannot start
     */
    EventStream open(String params) throws SourceException;

    /**
     * For {@link #INPUT_FILE} sources: whether this source reads {@code file}, judged from its content
     * (a magic number, the first bytes of a JSON document…), so {@code lanner -e FILE} picks the source
     * by what the file holds rather than by its name. Reads as little as it needs. The default says no.
     *
     * @throws IOException when the file cannot be read at all (the caller reports it)
     */
    default boolean recognizes(Path file) throws IOException {
        return false;
    }

    /**
     * Starts, in the background, the slow part of a later {@link #open} that needs no parameters
     * (loading a kernel probe, for instance), so that it overlaps with the caller's own set-up such as
     * compiling rules. A failure is reported by the next {@code open}; what was prepared and never
     * opened is released when the source goes away. The default does nothing.
     */
    default void prepare() {
    }
}
