package org.lanner.api.run;

/**
 * A source a run can read now.
 *
 * @param source the event source name
 * @param input its kind of input: file, live or plugin
 * @param description one line about it
 */
public record SourceInfo(String source, String input, String description) {
}
