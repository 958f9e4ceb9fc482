package org.lanner.metadata.k8s.internal;

import org.lanner.api.syscall.state.SyscallContext;

/**
 * What a Kubernetes metadata provider knows of the pods of this node, as the {@code k8s} fields ask
 * for it. The provider (libsinsp's k8s client, started by Falco's {@code -k}) is still to come: it
 * will register this service, and {@link K8sFields} reads from it without any field changing name.
 * While none is registered, every {@code k8s} field reads no value.
 *
 * <p>Called on the evaluation lanes, for every event a rule reads a {@code k8s} field on: answer from
 * what is in memory, without blocking (lookups that need the API server run elsewhere).
 */
@FunctionalInterface
public interface K8sMetadata {

    /**
     * The value of {@code field} for the pod of the event's container.
     *
     * @param field the field asked for
     * @param label the label name for the {@code .label} fields ({@code app} of
     *     {@code k8s.pod.label.app}), null for the others
     * @param event the event's view of the syscall state; its container id is never empty (events
     *     outside containers have no pod and never get here)
     * @return the value, or null when it is not known
     */
    String value(K8sField field, String label, SyscallContext event);
}
