/**
 * The system snapshot a system-call stream starts from: the machine, threads and their file
 * descriptors, users, groups, interfaces — what a capture file's header blocks hold and what the live
 * driver reads from {@code /proc}. The event table is {@link org.lanner.api.syscall.table}; the view of
 * the state kept from the events is {@link org.lanner.api.syscall.state}.
 */
@Export
@Version("2.0.0")
package org.lanner.api.syscall;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
