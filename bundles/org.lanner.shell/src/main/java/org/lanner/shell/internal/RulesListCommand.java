package org.lanner.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.engine.RuleInfo;

/** {@code lanner:rules-list}: the rules of the running ruleset, and those waiting for a source or plugin. */
@Command(scope = "lanner", name = "rules-list", description = "Lists the rules of the running ruleset")
@Service
public class RulesListCommand implements Action {

    @Reference
    RuleEngine engine;

    @Option(name = "-a", aliases = "--all", description = "Also list disabled rules")
    boolean all;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Rule");
        table.column("Priority");
        table.column("Source");
        table.column("Enabled");
        table.column("Tags");
        for (RuleInfo r : engine.rules()) {
            if (r.enabled() || all) {
                table.addRow().addContent(r.name(), r.priority().name(), r.source(), r.enabled(), String.join(",", r.tags()));
            }
        }
        table.print(System.out);
        LoadResult status = engine.status();
        if (!status.pendingRules().isEmpty()) {
            System.out.println("Pending (waiting for a source or plugin): " + String.join(", ", status.pendingRules()));
        }
        return null;
    }
}
