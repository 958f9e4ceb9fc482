package org.lanner.api.output;

import java.util.List;
import java.util.Objects;

/**
 * One alert: a rule matched an event (or the engine reports an internal condition such as drops).
 *
 * @param time the event's time in nanoseconds since the epoch
 * @param rule the rule name
 * @param priority the rule's priority
 * @param source the event source ({@code syscall}, {@code k8s_audit}, {@code internal}…)
 * @param tags the rule's tags, in the rule's order
 * @param output the formatted output line
 * @param outputFields the fields of the output format with their values, in name order
 * @param hostname the host the engine runs on
 */
public record Alert(long time, String rule, Priority priority, String source, List<String> tags, String output,
        List<OutputField> outputFields, String hostname) {

    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        tags = tags == null ? List.of() : List.copyOf(tags);
        outputFields = outputFields == null ? List.of() : List.copyOf(outputFields);
        hostname = hostname == null ? "" : hostname;
    }
}
