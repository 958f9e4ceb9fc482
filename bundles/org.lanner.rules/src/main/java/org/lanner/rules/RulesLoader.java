package org.lanner.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.lanner.api.engine.Problem;
import org.lanner.common.TextFiles;
import org.lanner.rules.internal.Bindings;
import org.lanner.rules.internal.Collector;
import org.lanner.rules.internal.Defs.RuleDef;
import org.lanner.rules.internal.Problems;
import org.lanner.rules.internal.RuleCompiler;
import org.lanner.rules.internal.YamlFile;

/**
 * Loads Falco rules files into a {@link LoadedRuleset}. Files are read in the order given (a
 * directory contributes its {@code .yaml} and {@code .yml} files in name order), several YAML
 * documents per file; every item is applied in order, then lists, macros and rules are compiled.
 * A loader keeps no state between loads and may be reused.
 */
public final class RulesLoader {

    /**
     * Largest rules file read, in bytes (Falco's own {@code falco_rules.yaml} is about 100 KiB): a
     * bigger one is refused before it is read whole, so {@code /dev/zero} cannot fill the heap.
     */
    public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

    /** Largest total of all the rules files of one load, in bytes. */
    public static final long MAX_TOTAL_BYTES = 16 * 1024 * 1024;

    /** Longest chain of macros naming macros. */
    public static final int MAX_MACRO_DEPTH = 100;

    /**
     * Deepest nesting of {@code and}, {@code or} and {@code not} in a condition once its macros are
     * expanded (each condition's own text nests at most {@link org.lanner.filter.ConditionParser#MAX_DEPTH}).
     */
    public static final int MAX_CONDITION_DEPTH = 512;

    /**
     * Most comparisons, operators and values all the conditions of a load hold once macros and lists
     * are expanded: macros that name a macro twice at each level
     * double at each level.
     */
    public static final long MAX_CONDITION_NODES = 500_000;

    /** Most items of one list once the lists it names are expanded. */
    public static final int MAX_LIST_ITEMS = 100_000;

    private final LoadOptions options;

    public RulesLoader(LoadOptions options) {
        this.options = options;
    }

    /** Loads rules files and directories. A file that cannot be read is an error. */
    public LoadedRuleset load(List<Path> files) {
        List<RulesText> texts = new ArrayList<>();
        List<Problem> readProblems = new ArrayList<>();
        long readBytes = 0;
        for (Path p : files) {
            List<Path> expanded = new ArrayList<>();
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> Files.isRegularFile(f)
                            && (f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml")))
                            .sorted().forEach(expanded::add);
                } catch (IOException e) {
                    readProblems.add(new Problem(Problem.Severity.ERROR, p.toString(), 0, 0, "", "",
                            "cannot read rules directory: " + TextFiles.reason(e)));
                }
            } else {
                expanded.add(p);
            }
            for (Path f : expanded) {
                long left = MAX_TOTAL_BYTES - readBytes;
                try {
                    byte[] bytes = TextFiles.readBounded(f, Math.min(MAX_FILE_BYTES, left), "rules file");
                    readBytes += bytes.length;
                    texts.add(new RulesText(f.toString(), TextFiles.decodeUtf8(bytes)));
                } catch (TextFiles.TextFileException e) {
                    TextFiles.Failure why = e.failure();
                    String reason = left < MAX_FILE_BYTES && why.reason().startsWith("is larger than")
                            ? "is larger than the " + TextFiles.size(left) + " left of the " + TextFiles.size(MAX_TOTAL_BYTES)
                                    + " all rules files of a load may hold together"
                            : why.reason();
                    readProblems.add(new Problem(Problem.Severity.ERROR, f.toString(), why.line(), why.column(), "", "",
                            "cannot read rules file: " + reason));
                }
            }
        }
        if (!readProblems.isEmpty()) {
            return new LoadedRuleset(List.of(), readProblems, 0, 0, List.of(), Map.of(), new Bindings(options.fields()).slots());
        }
        return loadTexts(texts);
    }

    /** Loads rules given as text (tests, rules from elsewhere than files). */
    public LoadedRuleset loadTexts(List<RulesText> texts) {
        Problems problems = new Problems();
        Collector collector = new Collector(problems, options.engineVersion());
        for (RulesText t : texts) {
            if (t.yaml().length() > MAX_FILE_BYTES) {
                problems.error(org.lanner.rules.internal.Loc.of(t.name()), "", "", "cannot read rules file: is larger than "
                        + TextFiles.size(MAX_FILE_BYTES) + ", the limit for a rules file");
                return new LoadedRuleset(List.of(), problems.list(), 0, 0, List.of(), Map.of(), new Bindings(options.fields()).slots());
            }
            collector.load(new YamlFile(t.name(), t.yaml()));
        }
        Bindings bindings = new Bindings(options.fields());
        Map<String, List<String>> required = new LinkedHashMap<>();
        for (Collector.PluginRequirement req : collector.pluginRequirements) {
            required.computeIfAbsent(req.name(), k -> new ArrayList<>()).add(req.version());
        }
        if (collector.fatal()) {
            return new LoadedRuleset(List.of(), problems.list(), collector.macros.size(), collector.lists.size(), List.of(),
                    required, bindings.slots());
        }
        checkPlugins(collector, problems);
        RuleCompiler.Result result = new RuleCompiler(collector, problems, options, bindings).compile();
        List<CompiledRule> rules = new ArrayList<>();
        if (!problems.hasErrors()) {
            for (RuleCompiler.Compiled c : result.rules()) {
                RuleDef d = c.def();
                CompiledRule rule = new CompiledRule(d.name, d.desc, d.source, d.priority, d.priorityText, d.tags, d.enabled, d.loc.file(),
                        d.loc.line(), d.condition.text(), c.filter(), c.output());
                rules.add(rule.withEnabled(selected(rule)));
            }
        }
        return new LoadedRuleset(rules, problems.list(), collector.macros.size(), collector.lists.size(), result.pending(),
                required, bindings.slots());
    }

    /** Falco's order: the file's enabled flag, then -D, then -T; -t then enables exactly the tagged rules. */
    private boolean selected(CompiledRule r) {
        boolean on = r.enabled();
        for (String s : options.disabledRules()) {
            if (s.isEmpty() || r.name().contains(s)) {
                on = false;
            }
        }
        if (!Collections.disjoint(options.disabledTags(), r.tags())) {
            on = false;
        }
        if (!options.enabledTags().isEmpty()) {
            on = !Collections.disjoint(options.enabledTags(), r.tags());
        }
        return on;
    }

    private void checkPlugins(Collector collector, Problems problems) {
        Map<String, String> present = options.fields().pluginVersions();
        for (Collector.PluginRequirement req : collector.pluginRequirements) {
            String have = present == null ? null : present.get(req.name());
            if (have == null) {
                problems.error(req.loc(), "required_plugin_versions", req.name(), "plugin '" + req.name()
                        + "' is required by the rules (version " + req.version() + ") but is not loaded");
                continue;
            }
            int[] h = Collector.version(have);
            int[] w = Collector.version(req.version());
            boolean compatible = h != null && w != null && h[0] == w[0]
                    && (h[1] > w[1] || (h[1] == w[1] && h[2] >= w[2]));
            if (!compatible) {
                problems.error(req.loc(), "required_plugin_versions", req.name(), "plugin '" + req.name() + "' version " + have
                        + " is not compatible with the required version " + req.version());
            }
        }
    }

}
