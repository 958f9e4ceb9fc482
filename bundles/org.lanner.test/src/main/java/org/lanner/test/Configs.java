package org.lanner.test;

import java.util.Map;

import org.osgi.util.converter.Converters;

/**
 * Builds instances of component property types (the typed configuration DS hands to a
 * component's constructor) from plain maps, so unit tests construct components with {@code new}.
 */
public final class Configs {

    private Configs() {
    }

    /** An instance of {@code type} backed by {@code properties}; missing keys take the annotation's defaults. */
    public static <T> T of(Class<T> type, Map<String, ?> properties) {
        return Converters.standardConverter().convert(properties).to(type);
    }
}
