package org.lanner.api.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts, lists and stops runs. Several runs may run at once, each with its inputs read by threads
 * of its own and its own rules if it asks for them; outputs are shared. An input that cannot be opened
 * a second time while another run holds it (the live driver may refuse) fails the start with the
 * source's message.
 */
@ProviderType
public interface Runs {

    /**
     * Opens the inputs and starts reading them. Returns once every input is open.
     *
     * @throws RunException when an input's source is not present, no file source reads a file, an
     *     input fails to open, the rules of the spec do not compile, or recording is not possible
     */
    Run start(RunSpec spec) throws RunException;

    /** The runs in progress and the last ones that ended, oldest first. */
    List<Run> list();

    /** The run with this id, while it runs or among the last ones that ended. */
    Optional<Run> get(String id);

    /**
     * Stops the run with this id (see {@link Run#stop}).
     *
     * @return false when no such run is in progress
     */
    boolean stop(String id);

    /** The sources present now, every kind of input. */
    List<SourceInfo> sources();

    /**
     * The source of a file, chosen from its content by the file sources present.
     *
     * @return empty when no file source reads it
     * @throws RunException when the file cannot be read
     */
    Optional<SourceInfo> detect(Path file) throws RunException;

    /**
     * Starts the slow part of opening live inputs of {@code source} (loading a kernel probe) in the
     * background, so that it overlaps with the caller's own set-up. Does nothing when no live source of
     * that name is present.
     */
    void prepare(String source);
}
