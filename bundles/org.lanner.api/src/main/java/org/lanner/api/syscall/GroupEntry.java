package org.lanner.api.syscall;

/**
 * One group.
 *
 * @param gid group id
 * @param name group name
 */
public record GroupEntry(int gid, String name) {
}
