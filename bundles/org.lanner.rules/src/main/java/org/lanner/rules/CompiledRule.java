package org.lanner.rules;

import java.util.BitSet;
import java.util.List;

import org.lanner.api.engine.RuleInfo;
import org.lanner.api.event.Event;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.filter.EvalContext;
import org.lanner.filter.Filter;

/**
 * One loaded rule: its definition (after appends and overrides), its compiled condition (exceptions
 * included) and output. Immutable; {@link #matches} and the output methods may be called from
 * several threads at once, each with its own {@link EvalContext}.
 */
public final class CompiledRule {

    private final String name;
    private final String description;
    private final String source;
    private final Priority priority;
    private final String priorityText;
    private final List<String> tags;
    private final boolean enabled;
    private final String file;
    private final int line;
    private final String conditionText;
    private final Filter filter;
    private final OutputTemplate output;

    CompiledRule(String name, String description, String source, Priority priority, String priorityText, List<String> tags,
            boolean enabled, String file, int line, String conditionText, Filter filter, OutputTemplate output) {
        this.name = name;
        this.description = description;
        this.source = source;
        this.priority = priority;
        this.priorityText = priorityText == null ? priority.name() : priorityText;
        this.tags = List.copyOf(tags);
        this.enabled = enabled;
        this.file = file;
        this.line = line;
        this.conditionText = conditionText;
        this.filter = filter;
        this.output = output;
    }

    CompiledRule withEnabled(boolean on) {
        return on == enabled ? this
                : new CompiledRule(name, description, source, priority, priorityText, tags, on, file, line, conditionText, filter,
                        output);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The event source the rule applies to. */
    public String source() {
        return source;
    }

    public Priority priority() {
        return priority;
    }

    public List<String> tags() {
        return tags;
    }

    /** Whether the rule is enabled after the file's {@code enabled} keys and the selection options. */
    public boolean enabled() {
        return enabled;
    }

    /** The file of the rule's (last) definition. */
    public String file() {
        return file;
    }

    /** The line of the rule's (last) definition. */
    public int line() {
        return line;
    }

    /** The condition as written, appends included, macros and exceptions not expanded. */
    public String conditionText() {
        return conditionText;
    }

    /** The output format, after {@code %container.info} and extra substitutions. */
    public String outputText() {
        return output.text();
    }

    /** The compiled output format. */
    public OutputTemplate output() {
        return output;
    }

    /** The compiled condition. */
    public Filter filter() {
        return filter;
    }

    /** The event types the rule can match, or null for any type. A copy. */
    public BitSet eventTypes() {
        return filter.eventTypes();
    }

    /** Whether the event satisfies the condition and none of the exceptions. */
    public boolean matches(Event event, EvalContext ctx) {
        return filter.matches(event, ctx);
    }

    /** The output text for the event, {@code <NA>} for missing values. */
    public String formatOutput(Event event, EvalContext ctx) {
        return output.format(event, ctx);
    }

    /** The output's fields with typed values, sorted by name; null values for missing fields. */
    public List<OutputField> outputFields(Event event, EvalContext ctx) {
        return output.fields(event);
    }

    /** The rule as the engine API describes it. */
    public RuleInfo info() {
        return new RuleInfo(name, description, conditionText, output.text(), priority, tags, source, enabled, file, line,
                priorityText);
    }

    @Override
    public String toString() {
        return "rule '" + name + "'";
    }
}
