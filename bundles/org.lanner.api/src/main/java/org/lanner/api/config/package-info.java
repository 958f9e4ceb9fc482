/**
 * Loading {@code lanner.yaml} (Falco's {@code falco.yaml} schema) with {@code -o} overrides. The
 * configuration bundle validates it and dispatches each section to the components through
 * ConfigAdmin; this service is how the command line and the shell ask for that.
 */
@Export
@Version("1.0.0")
package org.lanner.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
