/**
 * Falco's condition language: {@link org.lanner.filter.ConditionParser} turns a condition into an
 * AST ({@link org.lanner.filter.Node}) whose nodes carry their position in the condition text;
 * {@link org.lanner.filter.FilterCompiler} turns a macro-free AST into a
 * {@link org.lanner.filter.Filter}: evaluator objects built once, with constants pre-parsed for
 * the field's type, that evaluate events without allocating, plus the set of event types the
 * condition can match. Evaluation uses a per-thread {@link org.lanner.filter.EvalContext} created
 * by the {@link org.lanner.filter.FieldSlots} the fields were bound with.
 * {@link org.lanner.filter.ValueText} renders extracted values for outputs.
 */
@Export
@Version("2.0.0")
package org.lanner.filter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
