package org.lanner.api.syscall;

/**
 * One user.
 *
 * @param uid user id
 * @param gid primary group id
 * @param name login name
 * @param homedir home directory
 * @param shell login shell
 */
public record UserEntry(int uid, int gid, String name, String homedir, String shell) {
}
