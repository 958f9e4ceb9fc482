/**
 * Live capture of system calls with Lanner's eBPF driver. The bundle exports nothing: it
 * registers an {@link org.lanner.api.source.EventSource} for the {@code syscall} source with
 * input {@code live}.
 */
package org.lanner.driver.ebpf;
