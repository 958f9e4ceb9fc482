/** Test fixtures shared by every bundle's unit tests. */
@Export
@Version("1.0.0")
package org.lanner.test;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
