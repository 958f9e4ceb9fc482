package org.lanner.api.syscall.table;

/**
 * One parameter of an event.
 *
 * @param name its name ({@code evt.arg.NAME})
 * @param type its type
 * @param format how it prints
 * @param table for flag, mode and dynamic parameters the name of the value table
 *     ({@code file_flags}…), else empty
 * @param dirfd for {@link ParamType#FSRELPATH} the index of the parameter holding the directory fd
 *     the path is relative to, else -1
 */
public record ParamInfo(String name, ParamType type, ParamFormat format, String table, int dirfd) {
}
