package org.lanner.output.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The top-level output keys of {@code lanner.yaml} (Falco's {@code falco.yaml}), dispatched to the
 * PID {@code org.lanner.output}. Defaults are those of Falco 0.30's {@code falco.yaml}.
 */
@ObjectClassDefinition(name = "Lanner outputs",
        description = "Alert format and delivery settings shared by every output (top-level keys of lanner.yaml).")
public @interface OutputConfig {

    String PID = "org.lanner.output";

    @AttributeDefinition(name = "json_output", description = "Print alerts as JSON documents instead of text lines.")
    boolean json__output() default false;

    @AttributeDefinition(name = "json_include_output_property",
            description = "JSON alerts carry the text line as the 'output' member.")
    boolean json__include__output__property() default true;

    @AttributeDefinition(name = "json_include_tags_property",
            description = "JSON alerts carry the rule's tags as the 'tags' member ([] when the rule has none).")
    boolean json__include__tags__property() default true;

    @AttributeDefinition(name = "json_include_hostname_property",
            description = "Lanner: JSON alerts carry the host name as the 'hostname' member (Falco from 0.33; 0.30 has none).")
    boolean json__include__hostname__property() default false;

    @AttributeDefinition(name = "time_format_iso_8601",
            description = "Text lines start with an ISO 8601 UTC time instead of the local time of day.")
    boolean time__format__iso__8601() default false;

    @AttributeDefinition(name = "buffered_outputs",
            description = "When false, every output is flushed after every alert; when true, when its queue runs empty.")
    boolean buffered__outputs() default false;

    @AttributeDefinition(name = "outputs.rate",
            description = "Token bucket: alerts allowed per second once the burst is spent; 0 disables rate limiting.")
    double outputs_rate() default 1;

    @AttributeDefinition(name = "outputs.max_burst", description = "Token bucket: the most alerts allowed at once.")
    int outputs_max__burst() default 1000;

    @AttributeDefinition(name = "output_timeout",
            description = "Milliseconds an output may take on one alert before it is reported as blocked.")
    int output__timeout() default 2000;

    @AttributeDefinition(name = "outputs_queue.capacity",
            description = "Alerts each output may have waiting (later Falco's key); 0 means Lanner's default of 10000. Never unbounded.")
    int outputs__queue_capacity() default 0;
}
