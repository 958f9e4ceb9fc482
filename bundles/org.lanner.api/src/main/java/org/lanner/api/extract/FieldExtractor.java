package org.lanner.api.extract;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A class of fields ({@code evt}, {@code proc}, {@code fd}, a plugin's fields) for the events of
 * some sources. Register it as a service with {@link FieldClass}; the engine collects every
 * extractor and resolves the fields rules name through them.
 */
@ConsumerType
public interface FieldExtractor {

    /** Service property: the field class name shown by {@code --list}. */
    String FIELD_CLASS = "lanner.fields.class";

    /** Service property: the event sources this extractor reads (String[]; absent or empty = all). */
    String SOURCES = "lanner.sources";

    /** The field class name, e.g. {@code process}. */
    String fieldClass();

    /** One line for {@code --list}. */
    default String description() {
        return "";
    }

    /** The sources whose events this extractor understands; empty means every source. */
    Set<String> sources();

    /** The fields, in the order {@code --list} shows them. */
    List<FieldInfo> fields();

    /**
     * Binds a reference to one of {@link #fields()}.
     *
     * @param field the field name, as in {@link FieldInfo#name()}
     * @param argument the argument ({@code 2} for {@code proc.aname[2]}), or null when none was given
     * @throws FieldBindException when the argument is missing, not allowed or malformed
     */
    FieldAccessor bind(String field, String argument) throws FieldBindException;
}
