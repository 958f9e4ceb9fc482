package org.lanner.api.metadata;

import java.util.Optional;

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
}
