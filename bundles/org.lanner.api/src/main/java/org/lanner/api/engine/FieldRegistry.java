package org.lanner.api.engine;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Every field of every extractor present now ({@code --list}). */
@ProviderType
public interface FieldRegistry {

    /** The field classes, in a stable order. */
    List<FieldClassInfo> fieldClasses();
}
