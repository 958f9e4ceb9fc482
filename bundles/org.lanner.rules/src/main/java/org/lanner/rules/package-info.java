/**
 * Falco rules files: {@link org.lanner.rules.RulesLoader} reads them (lists, macros, rules,
 * exceptions, append and override, required engine and plugin versions), reports every error and
 * warning as an {@link org.lanner.api.engine.Problem} located in the YAML file, and compiles the
 * rules through a {@link org.lanner.rules.FieldResolver} into a {@link org.lanner.rules.LoadedRuleset}
 * of {@link org.lanner.rules.CompiledRule}s, each with its event-type set and output template.
 */
@Export
@Version("1.1.0")
package org.lanner.rules;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
