package org.lanner.output.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code http_output} of {@code lanner.yaml}; the configuration exists only when it is enabled.
 * {@code url} is Falco 0.30's, {@code user_agent}, {@code insecure} and {@code ca_cert} are later
 * Falco's; {@code timeout}, {@code retries}, {@code retry_backoff} and {@code auth_header} are Lanner's.
 */
@ObjectClassDefinition(name = "Lanner HTTP output",
        description = "POSTs every alert as a JSON document (the shape Falcosidekick accepts).")
public @interface HttpConfig {

    String PID = "org.lanner.output.http";

    @AttributeDefinition(name = "enabled", description = "POST alerts to the URL.")
    boolean enabled() default true;

    @AttributeDefinition(name = "url", description = "Where alerts are POSTed (http:// or https://), e.g. Falcosidekick's http://falcosidekick:2801/.")
    String url() default "";

    @AttributeDefinition(name = "user_agent", description = "The User-Agent header.")
    String user__agent() default "falcosecurity/falco";

    @AttributeDefinition(name = "insecure", description = "Do not verify the server's certificate nor its name (tests only).")
    boolean insecure() default false;

    @AttributeDefinition(name = "ca_cert",
            description = "A PEM file of the certificate authorities that verify the server, instead of Java's default ones.")
    String ca__cert() default "";

    @AttributeDefinition(name = "timeout", description = "Milliseconds one POST may take as a whole: connecting, sending, and the whole answer (headers and body).")
    int timeout() default 10_000;

    @AttributeDefinition(name = "retries",
            description = "How many times a POST that failed for a reason that may pass (no connection, timeout, 408, 429, 5xx) is tried again.")
    int retries() default 5;

    @AttributeDefinition(name = "retry_backoff",
            description = "Milliseconds before the first retry; each further retry waits twice as long, at most 30 seconds.")
    int retry__backoff() default 250;

    @AttributeDefinition(name = "auth_header",
            description = "One header sent with every POST, as 'Name: value' (e.g. 'Authorization: Bearer <token>'); empty for none.")
    String auth__header() default "";
}
