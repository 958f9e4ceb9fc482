/**
 * Event sources: a capture file, the live driver, a plugin. A source service is a factory of
 * streams ({@code open}), a stream delivers batches ({@code nextBatch}) until it is closed. This is
 * Falco's source-plugin contract ({@code init}/{@code open}/{@code next_batch}/{@code close}) one to
 * one.
 */
@Export
@Version("2.0.0")
package org.lanner.api.source;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
