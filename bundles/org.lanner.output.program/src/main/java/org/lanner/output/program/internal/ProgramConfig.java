package org.lanner.output.program.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code program_output} of {@code lanner.yaml}; the configuration exists only when it is enabled. */
@ObjectClassDefinition(name = "Lanner program output", description = "Writes every alert, one per line, to the standard input of a shell command.")
public @interface ProgramConfig {

    String PID = "org.lanner.output.program";

    @AttributeDefinition(name = "enabled", description = "Pipe alerts to the program.")
    boolean enabled() default true;

    @AttributeDefinition(name = "keep_alive",
            description = "Start the program once and keep writing to it (restarted on SIGUSR1); when false it is started for every alert and waited for.")
    boolean keep__alive() default false;

    @AttributeDefinition(name = "program", description = "The command, run with /bin/sh -c.")
    String program() default "";
}
