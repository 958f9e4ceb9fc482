package org.lanner.api.output;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Delivers alerts somewhere (Falco's {@code abstract_output}). Register it as a service with
 * {@link OutputName}. The {@link AlertPublisher} calls it from one thread of its own, so a sink may
 * block; it reports failures by throwing, and the publisher counts them.
 */
@ConsumerType
public interface OutputSink {

    /** Service property: the output's name ({@code stdout}, {@code file}, {@code http}…). */
    String OUTPUT = "lanner.output";

    /** Delivers one alert. Throws when it could not; the alert is then counted as lost. */
    void deliver(Alert alert) throws IOException;

    /** Pushes out anything buffered ({@code buffered_outputs: false} calls it after every alert). */
    default void flush() throws IOException {
    }

    /** Reopens files or connections (SIGUSR1, log rotation). */
    default void reopen() throws IOException {
    }
}
