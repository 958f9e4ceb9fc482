package org.lanner.api.output;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/** Component property type for {@link OutputSink} services: {@code @OutputName("file")}. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OutputName {

    String PREFIX_ = "lanner.";

    /** Maps to {@link OutputSink#OUTPUT}. */
    String output();
}
