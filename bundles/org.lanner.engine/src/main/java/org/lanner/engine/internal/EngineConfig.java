package org.lanner.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The engine's part of lanner.yaml (PID {@code org.lanner.engine}). Keys are the YAML keys, nested
 * ones flattened with dots ({@code syscall_event_drops.max_burst} is {@code syscall__event__drops_max__burst}).
 */
@ObjectClassDefinition(name = "Lanner engine", description = "Rules evaluation and the syscall event drop monitor.")
@interface EngineConfig {

    String PID = "org.lanner.engine";

    @AttributeDefinition(description = "Minimum priority of the rules loaded: emergency, alert, critical, error, warning, notice, informational (info), debug.")
    String priority() default "debug";

    @AttributeDefinition(description = "first: only the first matching rule (in load order) fires for an event, as Falco 0.30; all: every matching rule fires.")
    String rule__matching() default "first";

    @AttributeDefinition(description = "Threads evaluating rules in parallel, each taking the events of some processes; 0 chooses from the number of CPUs.")
    int evaluation__lanes() default 0;

    @AttributeDefinition(description = "What to do when the driver drops events: ignore, log, alert, exit.")
    String[] syscall__event__drops_actions() default {"log", "alert"};

    @AttributeDefinition(description = "Act only when the ratio of dropped events in a second is above this.")
    double syscall__event__drops_threshold() default 0.1;

    @AttributeDefinition(description = "Actions per second allowed (token bucket rate).")
    double syscall__event__drops_rate() default 0.03333;

    @AttributeDefinition(description = "Actions allowed in a burst (token bucket size).")
    double syscall__event__drops_max__burst() default 1;

    @AttributeDefinition(description = "Pretend events are dropped every second (to test the actions).")
    boolean syscall__event__drops_simulate__drops() default false;

    @AttributeDefinition(description = "Consecutive empty reads of a live source before an internal alert is raised.")
    int syscall__event__timeouts_max__consecutives() default 1000;
}
