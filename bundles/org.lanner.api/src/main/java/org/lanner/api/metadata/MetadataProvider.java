package org.lanner.api.metadata;

import java.util.Optional;

import org.lanner.api.syscall.state.SyscallContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of metadata of one kind. Register it as a service with the property {@link #KIND}. A
 * lookup must not block the caller: answer from what is known and learn in the background.
 */
@ConsumerType
public interface MetadataProvider {

    /** Service property: {@code container}, {@code k8s}, {@code mesos}. */
    String KIND = "lanner.metadata.kind";

    /** The kind of metadata provided. */
    String kind();

    /** What is known about a container, by its 12-character or full id. */
    default Optional<ContainerInfo> container(String containerId) {
        return Optional.empty();
    }

    /**
     * The value of one field of this kind's field class ({@code k8s.pod.name}, {@code mesos.task.id}…) for
     * the event, or empty when it is not known. Called on the evaluation lanes for every event a rule reads
     * such a field on: answer from what is in memory, never block (lookups run elsewhere).
     *
     * @param field the field's name
     * @param argument the label's name for the {@code .label} fields ({@code app} of {@code k8s.pod.label.app}),
     *     null for the others
     * @param event the event's view of the system call state; its container id is never empty (events outside
     *     containers have no pod or task and are not asked about)
     */
    default Optional<String> field(String field, String argument, SyscallContext event) {
        return Optional.empty();
    }
}
