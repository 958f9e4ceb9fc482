package org.lanner.metadata.mesos.internal;

import org.lanner.api.syscall.state.SyscallContext;

/**
 * What a Mesos metadata provider knows of the tasks of this agent and of Marathon's applications, as
 * the {@code mesos} fields ask for it. The provider (libsinsp's Mesos client, started by Falco's
 * {@code -m}) is still to come: it will register this service, and {@link MesosFields} reads from it
 * without any field changing name. While none is registered, every {@code mesos} field reads no value.
 *
 * <p>Called on the evaluation lanes, for every event a rule reads a {@code mesos} field on: answer
 * from what is in memory, without blocking (lookups that need the Mesos master run elsewhere).
 */
@FunctionalInterface
public interface MesosMetadata {

    /**
     * The value of {@code field} for the task of the event's container (libsinsp finds it by the
     * {@code MESOS_TASK_ID} of the container's environment).
     *
     * @param field the field asked for
     * @param label the label name for the {@code .label} fields ({@code team} of
     *     {@code mesos.task.label.team}), null for the others
     * @param event the event's view of the syscall state; its container id is never empty (events
     *     outside containers have no task and never get here)
     * @return the value, or null when it is not known
     */
    String value(MesosField field, String label, SyscallContext event);
}
