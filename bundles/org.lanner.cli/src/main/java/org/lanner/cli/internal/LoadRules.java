package org.lanner.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.RulesRequest;

/** Loads the rules ({@code -r}, else {@code rules_file}) with the selection of {@code -D}, {@code -T}, {@code -t} and {@code -p}. */
final class LoadRules implements Step {

    @Override
    public int run(Invocation inv) throws Failure {
        Options o = inv.options;
        Console console = inv.console;
        List<Path> rulesFiles = new ArrayList<>();
        if (!o.rulesFiles.isEmpty()) {
            o.rulesFiles.forEach(r -> rulesFiles.add(Path.of(r)));
        } else {
            rulesFiles.addAll(inv.config.rulesFiles());
        }
        if (rulesFiles.isEmpty()) {
            throw new Failure("Runtime error: You must specify at least one rules file/directory via -r or a rules_file entry in "
                    + inv.configFile.getFileName() + ". Exiting.");
        }
        if (!o.enabledTags.isEmpty() && (!o.disabledRules.isEmpty() || !o.disabledTags.isEmpty())) {
            throw new Failure("Runtime error: You can not specify both disabled (-D/-T) and enabled (-t) rules. Exiting.");
        }
        for (Path f : rulesFiles) {
            console.info("Loading rules from file " + f + ":");
        }
        o.disabledRules.forEach(s -> console.info("Disabling rules matching substring: " + s));
        o.disabledTags.forEach(t -> console.info("Disabling rules with tag: " + t));
        o.enabledTags.forEach(t -> console.info("Enabling rules with tag: " + t));
        RulesRequest rules = new RulesRequest(rulesFiles, o.disabledRules, o.disabledTags, o.enabledTags, printFormat(o.printFormat),
                isContainerFormat(o.printFormat));
        LoadResult loaded = inv.env.engine().load(rules);
        new RulesReport(console, o.verbose).loaded(loaded);
        pending(console, loaded);
        if (!loaded.ok()) {
            throw new Failure("Runtime error: Could not load rules file " + RulesReport.failedFile(loaded, join(rulesFiles)) + ": "
                    + RulesReport.failure(loaded) + ". Exiting.");
        }
        inv.rulesFiles = List.copyOf(rulesFiles);
        inv.rules = rules;
        return CONTINUE;
    }

    /** The rules left waiting for a source or plugin. */
    static void pending(Console console, LoadResult r) {
        if (!r.pendingRules().isEmpty()) {
            console.info(r.pendingRules().size() + " rule(s) wait for a source or plugin not present: " + String.join(", ", r.pendingRules()));
        }
    }

    /** Falco's -p: c/container are a container-friendly format; anything else is appended as it is. */
    private static String printFormat(String p) {
        if (p == null) {
            return "";
        }
        return isContainerFormat(p) ? "container=%container.name (id=%container.id)" : p;
    }

    private static boolean isContainerFormat(String p) {
        return "c".equals(p) || "container".equals(p);
    }

    private static String join(List<Path> paths) {
        StringBuilder sb = new StringBuilder();
        for (Path p : paths) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p);
        }
        return sb.toString();
    }
}
