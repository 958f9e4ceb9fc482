/**
 * Fields: their schema ({@link org.lanner.api.extract.FieldInfo}) and their extraction from events
 * into caller-provided {@link org.lanner.api.extract.ValueHolder}s. Extractors are bound once per
 * field reference when rules compile ({@link org.lanner.api.extract.FieldExtractor#bind}); the bound
 * {@link org.lanner.api.extract.FieldAccessor} is what runs per event, without allocating.
 *
 * <p>Falco mapping: a plugin's {@code get_fields} is {@code fields()}, {@code extract_fields} is
 * {@code bind} + {@code extract}.
 */
@Export
@Version("1.1.0")
package org.lanner.api.extract;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
