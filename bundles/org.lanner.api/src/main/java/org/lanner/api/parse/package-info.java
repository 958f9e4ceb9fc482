/**
 * Parsers keep the state a source's fields need (for system calls: threads, processes, file
 * descriptors, users, containers) and attach to every event the part of it that the event refers
 * to. They run on one thread, in event order, before rules see the events.
 */
@Export
@Version("2.1.0")
package org.lanner.api.parse;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
