package org.lanner.output.core;

/**
 * The format settings of {@code lanner.yaml} (Falco's {@code falco.yaml}), with Falco 0.30's defaults.
 *
 * @param jsonOutput {@code json_output}: sinks print JSON instead of text
 * @param includeOutput {@code json_include_output_property}: JSON carries the text line as {@code output}
 * @param includeTags {@code json_include_tags_property}: JSON carries the rule's {@code tags}
 * @param iso8601 {@code time_format_iso_8601}: the text line starts with an ISO 8601 time instead of the local time of day
 * @param includeHostname {@code json_include_hostname_property} (Lanner's key): JSON carries the host name as
 *     {@code hostname}, as Falco does from 0.33; Falco 0.30's JSON has none
 */
public record FormatOptions(boolean jsonOutput, boolean includeOutput, boolean includeTags, boolean iso8601,
        boolean includeHostname) {

    /** Falco 0.30's defaults: text, and JSON (when enabled) with output and tags, without the host name. */
    public static final FormatOptions DEFAULTS = new FormatOptions(false, true, true, false, false);

    /** Options without the host name in JSON (Falco 0.30's JSON). */
    public FormatOptions(boolean jsonOutput, boolean includeOutput, boolean includeTags, boolean iso8601) {
        this(jsonOutput, includeOutput, includeTags, iso8601, false);
    }

    /** The same options with {@code json_output} set. */
    public FormatOptions withJsonOutput(boolean json) {
        return new FormatOptions(json, includeOutput, includeTags, iso8601, includeHostname);
    }

    /** The same options with {@code json_include_hostname_property} set. */
    public FormatOptions withHostname(boolean hostname) {
        return new FormatOptions(jsonOutput, includeOutput, includeTags, iso8601, hostname);
    }
}
