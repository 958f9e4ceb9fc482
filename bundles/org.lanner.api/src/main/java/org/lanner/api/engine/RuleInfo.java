package org.lanner.api.engine;

import java.util.List;

import org.lanner.api.output.Priority;

/**
 * One rule as loaded.
 *
 * @param name its name
 * @param description its {@code desc}
 * @param condition its condition, macros not expanded
 * @param output its output format
 * @param priority its priority
 * @param tags its tags
 * @param source the event source it applies to
 * @param enabled whether it is enabled after the selection
 * @param file the file that defined it
 * @param line the line of its definition
 * @param priorityText its {@code priority} as the file wrote it ({@code INFO}, {@code Warning}…): Falco's summary
 *     counts detections under that spelling
 */
public record RuleInfo(String name, String description, String condition, String output, Priority priority,
        List<String> tags, String source, boolean enabled, String file, int line, String priorityText) {

    public RuleInfo {
        tags = List.copyOf(tags);
        priorityText = priorityText == null || priorityText.isEmpty() ? priority.name() : priorityText;
    }

    /** A rule whose priority is spelled as its upper-case name. */
    public RuleInfo(String name, String description, String condition, String output, Priority priority,
            List<String> tags, String source, boolean enabled, String file, int line) {
        this(name, description, condition, output, priority, tags, source, enabled, file, line, null);
    }
}
