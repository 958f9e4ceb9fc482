/**
 * Metadata providers enrich events with what the kernel does not know: containers, Kubernetes
 * pods, Mesos tasks. They answer lookups off the event path and may learn lazily.
 */
@Export
@Version("1.1.0")
package org.lanner.api.metadata;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
