package org.lanner.api.extract;

import java.util.Objects;
import java.util.Set;

/**
 * The schema of one field.
 *
 * @param name full name, e.g. {@code proc.name}
 * @param type its value type
 * @param description one line for {@code --list}
 * @param argument whether it takes an argument
 * @param flags its properties
 */
public record FieldInfo(String name, FieldType type, String description, ArgKind argument, Set<FieldFlag> flags) {

    public FieldInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        argument = argument == null ? ArgKind.NONE : argument;
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }

    /** A field without argument or flags. */
    public static FieldInfo of(String name, FieldType type, String description) {
        return new FieldInfo(name, type, description, ArgKind.NONE, Set.of());
    }

    public boolean has(FieldFlag flag) {
        return flags.contains(flag);
    }
}
