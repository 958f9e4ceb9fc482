package org.lanner.api.source;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type for {@link EventSource} services:
 * {@code @EventSourceName(value = "syscall", input = EventSource.INPUT_FILE)}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EventSourceName {

    String PREFIX_ = "lanner.";

    /** {@link EventSource#SOURCE}: the event source name. */
    String source();

    /** {@link EventSource#INPUT}: file, live or plugin. */
    String input();
}
