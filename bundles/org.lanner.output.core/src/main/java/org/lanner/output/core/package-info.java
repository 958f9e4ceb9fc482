/**
 * Falco's alert formats, for every sink: {@link org.lanner.output.core.AlertFormatter} is the
 * service configured from {@code lanner.yaml} ({@code json_output}, {@code json_include_output_property},
 * {@code json_include_tags_property}, {@code time_format_iso_8601}); {@link org.lanner.output.core.FalcoFormat}
 * is the same logic as a plain class for tests and tools.
 */
@Export
@Version("1.1.0")
package org.lanner.output.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
