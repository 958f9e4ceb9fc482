package org.lanner.api.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What to load.
 *
 * @param files rules files or directories (a directory loads its {@code .yaml}/{@code .yml} files in name order)
 * @param disabledRules rules whose name contains one of these substrings are disabled ({@code -D})
 * @param disabledTags rules with one of these tags are disabled ({@code -T})
 * @param enabledTags when not empty, only rules with one of these tags are enabled ({@code -t})
 * @param outputExtra text appended to the output of every syscall rule ({@code -p}); empty for none
 * @param replaceContainerInfo whether {@code outputExtra} replaces {@code %container.info} in outputs
 *     instead of being appended ({@code -pc})
 */
public record RulesRequest(List<Path> files, List<String> disabledRules, List<String> disabledTags, List<String> enabledTags,
        String outputExtra, boolean replaceContainerInfo) {

    public RulesRequest {
        files = List.copyOf(files);
        disabledRules = disabledRules == null ? List.of() : List.copyOf(disabledRules);
        disabledTags = disabledTags == null ? List.of() : List.copyOf(disabledTags);
        enabledTags = enabledTags == null ? List.of() : List.copyOf(enabledTags);
        outputExtra = outputExtra == null ? "" : outputExtra;
    }

    /** A request without {@code -p}. */
    public RulesRequest(List<Path> files, List<String> disabledRules, List<String> disabledTags, List<String> enabledTags) {
        this(files, disabledRules, disabledTags, enabledTags, "", false);
    }

    public static RulesRequest of(List<Path> files) {
        return new RulesRequest(files, List.of(), List.of(), List.of());
    }
}
