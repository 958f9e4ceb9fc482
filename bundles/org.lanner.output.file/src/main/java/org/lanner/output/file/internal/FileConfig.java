package org.lanner.output.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code file_output} of {@code lanner.yaml}; the configuration exists only when it is enabled. */
@ObjectClassDefinition(name = "Lanner file output", description = "Appends every alert to a file, one per line.")
public @interface FileConfig {

    String PID = "org.lanner.output.file";

    @AttributeDefinition(name = "enabled", description = "Append alerts to the file.")
    boolean enabled() default true;

    @AttributeDefinition(name = "keep_alive",
            description = "Keep the file open between alerts (reopened on SIGUSR1); when false it is opened and closed for every alert.")
    boolean keep__alive() default false;

    @AttributeDefinition(name = "filename", description = "The file alerts are appended to.")
    String filename() default "./events.txt";
}
