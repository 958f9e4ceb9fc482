/**
 * Runs: events of one or more sources read through the rules, with limits, live counters and
 * Falco's summary at the end. The {@link org.lanner.api.run.Runs} service starts them from a
 * {@link org.lanner.api.run.RunSpec}; the {@code lanner} command, the Karaf shell and boot-time
 * captures are its clients. Implemented by {@code org.lanner.engine}.
 */
@Export
@Version("1.0.0")
package org.lanner.api.run;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
