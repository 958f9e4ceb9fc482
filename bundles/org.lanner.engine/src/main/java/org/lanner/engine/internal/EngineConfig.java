package org.lanner.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The engine's part of lanner.yaml (PID {@code org.lanner.engine}). Keys are the YAML keys, nested
 * ones flattened with dots ({@code rule_matching} is {@code rule__matching}). What is particular to a
 * source (Falco's {@code syscall_event_drops}, {@code syscall_event_timeouts}) belongs to the bundle
 * of that source.
 */
@ObjectClassDefinition(name = "Lanner engine", description = "Rules evaluation.")
@interface EngineConfig {

    String PID = "org.lanner.engine";

    @AttributeDefinition(description = "Minimum priority of the rules loaded: emergency, alert, critical, error, warning, notice, informational (info), debug.")
    String priority() default "debug";

    @AttributeDefinition(description = "first: only the first matching rule (in load order) fires for an event, as Falco 0.30; all: every matching rule fires.")
    String rule__matching() default "first";

    @AttributeDefinition(description = "Threads evaluating rules in parallel, each taking the events of some processes; 0 chooses from the number of CPUs.")
    int evaluation__lanes() default 0;
}
