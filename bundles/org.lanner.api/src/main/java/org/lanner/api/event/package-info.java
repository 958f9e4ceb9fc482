/**
 * Events as read-only views over byte buffers, delivered in batches.
 *
 * <p>Every event, whatever its source, is a record in the libscap layout (see
 * {@link org.lanner.api.event.Event}): a 26-byte header (timestamp, thread id, length, type,
 * parameter count), an array of parameter lengths, then the parameter values. Plugin events use
 * type {@link org.lanner.api.event.Event#PLUGIN_EVENT} with the plugin id and the payload as
 * parameters, exactly as Falco stores them in capture files.
 */
@Export
@Version("1.1.0")
package org.lanner.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
