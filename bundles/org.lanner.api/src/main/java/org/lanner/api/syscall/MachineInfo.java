package org.lanner.api.syscall;

/**
 * The machine a capture was taken on.
 *
 * @param cpus number of CPUs
 * @param memoryBytes memory size
 * @param maxPid highest pid (0 when unknown)
 * @param hostname host name
 */
public record MachineInfo(int cpus, long memoryBytes, long maxPid, String hostname) {
}
