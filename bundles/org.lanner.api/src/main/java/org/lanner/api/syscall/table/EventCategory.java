package org.lanner.api.syscall.table;

/** Event categories of the event table (libscap's {@code EC_*}), as {@code evt.category} shows them. */
public enum EventCategory {
    UNKNOWN, OTHER, FILE, NET, IPC, MEMORY, PROCESS, SLEEP, SYSTEM, SIGNAL, USER, TIME, PROCESSING,
    IO_READ, IO_WRITE, IO_OTHER, WAIT, SCHEDULER, INTERNAL
}
