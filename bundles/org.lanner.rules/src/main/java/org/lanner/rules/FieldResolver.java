package org.lanner.rules;

import java.util.Map;

import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.source.SourcePolicy;
import org.osgi.annotation.versioning.ConsumerType;

/** Gives the loader the fields, sources and plugins present now. Implemented by the engine. */
@ConsumerType
public interface FieldResolver {

    /**
     * The accessor for a field reference in rules of {@code source}.
     *
     * @param field the field name as written; a dotted argument stays in it ({@code evt.arg.fd},
     *     {@code k8s.pod.label.app}) for the resolver to split
     * @param argument the text between brackets ({@code 2} for {@code proc.aname[2]}), or null
     * @throws UnknownFieldException when no extractor knows the field for that source
     * @throws FieldBindException when the field exists but the argument is missing, not allowed or wrong
     */
    FieldAccessor resolve(String source, String field, String argument) throws UnknownFieldException, FieldBindException;

    /** Whether events of {@code source} can be read now; rules of an unknown source are pending. */
    boolean knowsSource(String source);

    /** The plugins present, name to version ({@code 0.1.0}), for {@code required_plugin_versions}. */
    Map<String, String> pluginVersions();

    /**
     * The policy of {@code source}: the index keys its conditions range over and whether its rules get
     * Falco's event-type warnings. {@link SourcePolicy#DEFAULT} when the source has none.
     */
    default SourcePolicy policy(String source) {
        return SourcePolicy.DEFAULT;
    }
}
