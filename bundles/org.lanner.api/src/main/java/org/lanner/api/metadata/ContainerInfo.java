package org.lanner.api.metadata;

import java.util.List;
import java.util.Map;

/**
 * What is known about a container (the fields of libsinsp's container JSON).
 *
 * @param id the 12-character id
 * @param fullId the full id, or the short one when unknown
 * @param type the runtime: docker, cri, containerd, cri-o, podman, lxc, libvirt-lxc, mesos, rkt, bpm, static…
 * @param name the container name
 * @param image the image as given ({@code repo:tag})
 * @param imageId the image id
 * @param imageRepo the image repository
 * @param imageTag the image tag
 * @param imageDigest the image digest
 * @param privileged whether it runs privileged (null when unknown)
 * @param mounts its mounts
 * @param labels its labels
 * @param ip its IP address, when known
 */
public record ContainerInfo(String id, String fullId, String type, String name, String image, String imageId,
        String imageRepo, String imageTag, String imageDigest, Boolean privileged, List<Mount> mounts,
        Map<String, String> labels, String ip) {

    public ContainerInfo {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * One mount of a container.
     *
     * @param source host path
     * @param destination path in the container
     * @param mode mount mode
     * @param readWrite whether it is writable
     * @param propagation mount propagation
     */
    public record Mount(String source, String destination, String mode, boolean readWrite, String propagation) {
    }
}
