package org.lanner.output.syslog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code syslog_output} of {@code lanner.yaml}; the configuration exists only when it is enabled.
 * Falco 0.30 has only {@code enabled}; the other keys are Lanner's additions.
 */
@ObjectClassDefinition(name = "Lanner syslog output", description = "Sends every alert to the local syslog daemon.")
public @interface SyslogConfig {

    String PID = "org.lanner.output.syslog";

    @AttributeDefinition(name = "enabled", description = "Send alerts to syslog.")
    boolean enabled() default true;

    @AttributeDefinition(name = "ident", description = "The tag (program name) of every message. Falco's is 'falco'.")
    String ident() default "lanner";

    @AttributeDefinition(name = "facility",
            description = "The syslog facility: user (Falco's), daemon, auth, authpriv, local0 .. local7, ...")
    String facility() default "user";

    @AttributeDefinition(name = "socket", description = "The syslog daemon's unix datagram socket.")
    String socket() default "/dev/log";
}
