package org.lanner.api.extract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/** Component property type for {@link FieldExtractor} services: {@code @FieldClass(name = "proc", sources = "syscall")}. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface FieldClass {

    String PREFIX_ = "lanner.";

    /** {@link FieldExtractor#FIELD_CLASS}. */
    String fields_class();

    /** {@link FieldExtractor#SOURCES}. */
    String[] sources() default {};
}
