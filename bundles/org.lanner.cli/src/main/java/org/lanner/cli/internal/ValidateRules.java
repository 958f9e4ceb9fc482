package org.lanner.cli.internal;

import java.nio.file.Path;
import java.util.List;

import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.Problem;
import org.lanner.api.engine.RulesRequest;

/** {@code -V FILE}: loads each rules file on its own and says whether it is valid, with every problem. */
final class ValidateRules implements Step {

    @Override
    public int run(Invocation inv) {
        Options o = inv.options;
        if (o.validateFiles.isEmpty()) {
            return CONTINUE;
        }
        Console console = inv.console;
        console.info("Validating rules file(s):");
        o.validateFiles.forEach(f -> console.info("   " + f));
        boolean prefix = o.validateFiles.size() > 1;
        int rc = EXIT_SUCCESS;
        for (String f : o.validateFiles) {
            LoadResult r = inv.env.engine().validate(RulesRequest.of(List.of(Path.of(f))));
            String p = prefix ? f + ": " : "";
            for (Problem problem : r.warnings()) {
                console.out.println(p + "warning: " + problem);
            }
            if (r.ok()) {
                console.out.println(p + "Ok");
            } else {
                for (Problem problem : r.errors()) {
                    console.out.println(p + "error: " + problem);
                }
                rc = EXIT_FAILURE;
            }
        }
        if (rc == EXIT_SUCCESS) {
            console.info("Ok");
        }
        return rc;
    }
}
