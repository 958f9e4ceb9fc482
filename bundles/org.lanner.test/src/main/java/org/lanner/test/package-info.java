/** Test fixtures shared by every bundle's unit tests, the OSGi tests and the corpus of the default rules. */
@Export
@Version("1.1.0")
package org.lanner.test;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
