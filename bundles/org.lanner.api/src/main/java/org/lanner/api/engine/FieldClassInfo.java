package org.lanner.api.engine;

import java.util.List;
import java.util.Set;

import org.lanner.api.extract.FieldInfo;

/**
 * One class of fields as {@code --list} shows it.
 *
 * @param name the class name
 * @param description what it is about
 * @param sources the event sources it applies to (empty: all)
 * @param fields its fields
 */
public record FieldClassInfo(String name, String description, Set<String> sources, List<FieldInfo> fields) {

    public FieldClassInfo {
        sources = Set.copyOf(sources);
        fields = List.copyOf(fields);
    }
}
