package org.lanner.api.extract;

/** Whether a field takes an argument ({@code proc.aname[2]}, {@code evt.arg.name}). */
public enum ArgKind {
    /** The field takes no argument. */
    NONE,
    /** {@code name} or {@code name[arg]}. */
    OPTIONAL,
    /** Only {@code name[arg]}. */
    REQUIRED
}
