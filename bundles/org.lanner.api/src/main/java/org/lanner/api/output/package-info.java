/**
 * Alerts and where they go. The engine publishes {@link org.lanner.api.output.Alert}s to the
 * {@link org.lanner.api.output.AlertPublisher}, which gives every
 * {@link org.lanner.api.output.OutputSink} service its own bounded queue and thread (Falco's
 * {@code abstract_output}).
 */
@Export
@Version("1.2.0")
package org.lanner.api.output;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
