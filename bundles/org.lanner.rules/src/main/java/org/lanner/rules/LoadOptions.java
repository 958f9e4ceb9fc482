package org.lanner.rules;

import java.util.List;
import java.util.Objects;

import org.lanner.api.output.Priority;

/**
 * How to load rules.
 *
 * @param engineVersion the engine version {@code required_engine_version} is checked against
 * @param fields the fields, sources and plugins present
 * @param minPriority rules less severe than this are not loaded ({@code priority} in
 *     {@code lanner.yaml}); null for all
 * @param disabledRules rules whose name contains one of these substrings are disabled ({@code -D})
 * @param disabledTags rules with one of these tags are disabled ({@code -T})
 * @param enabledTags when not empty, only rules with one of these tags are enabled ({@code -t})
 * @param outputExtra text appended to the output of syscall rules, or replacing
 *     {@code %container.info} ({@code -p}); empty for none
 * @param replaceContainerInfo whether {@code outputExtra} replaces {@code %container.info}
 *     rather than being appended ({@code -pc}/{@code -pk})
 */
public record LoadOptions(int engineVersion, FieldResolver fields, Priority minPriority, List<String> disabledRules,
        List<String> disabledTags, List<String> enabledTags, String outputExtra, boolean replaceContainerInfo) {

    public LoadOptions {
        Objects.requireNonNull(fields, "fields");
        minPriority = minPriority == null ? Priority.DEBUG : minPriority;
        disabledRules = disabledRules == null ? List.of() : List.copyOf(disabledRules);
        disabledTags = disabledTags == null ? List.of() : List.copyOf(disabledTags);
        enabledTags = enabledTags == null ? List.of() : List.copyOf(enabledTags);
        outputExtra = outputExtra == null ? "" : outputExtra;
    }

    /** Options without output extra. */
    public LoadOptions(int engineVersion, FieldResolver fields, Priority minPriority, List<String> disabledRules,
            List<String> disabledTags, List<String> enabledTags) {
        this(engineVersion, fields, minPriority, disabledRules, disabledTags, enabledTags, "", false);
    }

    /** Every rule, no selection. */
    public static LoadOptions of(int engineVersion, FieldResolver fields) {
        return new LoadOptions(engineVersion, fields, Priority.DEBUG, List.of(), List.of(), List.of());
    }
}
