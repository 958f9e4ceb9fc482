package org.lanner.api.source;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates {@link EventRecorder}s writing to a file ({@code lanner -w FILE}). Register it as a service
 * with the property {@link #FORMAT}.
 */
@ConsumerType
public interface EventRecorderFactory {

    /** Service property: the file format written, e.g. {@code scap}. */
    String FORMAT = "lanner.recorder.format";

    /**
     * Opens a recorder.
     *
     * @param file the file to create (replaced if it exists); {@code -} for standard output
     * @param compress whether to gzip what is written
     */
    EventRecorder create(Path file, boolean compress) throws IOException;
}
