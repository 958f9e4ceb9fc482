package org.lanner.output.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code stdout_output} of {@code lanner.yaml}; the configuration exists only when it is enabled. */
@ObjectClassDefinition(name = "Lanner stdout output",
        description = "Prints every alert on the process's standard output.")
public @interface StdoutConfig {

    String PID = "org.lanner.output.stdout";

    @AttributeDefinition(name = "enabled", description = "Print alerts on standard output.")
    boolean enabled() default true;
}
