package org.lanner.api.extract;

/** Properties of a field (Falco's {@code EPF_*} flags). */
public enum FieldFlag {
    /** Not listed by {@code --list} (Falco {@code EPF_TABLE_ONLY}, plugin property "hidden"). */
    HIDDEN,
    /** Usable in conditions only, not in outputs. */
    FILTER_ONLY,
    /** Usable in outputs only, not in conditions. */
    PRINT_ONLY,
    /** A hint for tools: an informative field (plugin property "info"). */
    INFO,
    /** A hint for tools: identifies a conversation (plugin property "conversation"). */
    CONVERSATION,
    /**
     * The argument may also be written after a dot: {@code evt.arg.name} for {@code evt.arg[name]},
     * {@code k8s.pod.label.app} for {@code k8s.pod.label[app]}.
     */
    DOTTED_ARGUMENT
}
