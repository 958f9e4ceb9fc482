package org.lanner.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.RulesRequest;

/**
 * {@code -V FILE}: as Falco 0.30, the files are loaded in order, each on top of the ones before it; each
 * gets {@code Ok}, or Falco's text of its errors and the command stops with exit status 1. With more than
 * one file each line starts with the file's name. Lanner adds the position of each error on stderr.
 */
final class ValidateRules implements Step {

    @Override
    public int run(Invocation inv) throws Failure {
        Options o = inv.options;
        if (o.validateFiles.isEmpty()) {
            return CONTINUE;
        }
        Console console = inv.console;
        console.info("Validating rules file(s):");
        o.validateFiles.forEach(f -> console.info("   " + f));
        boolean prefix = o.validateFiles.size() > 1;
        RulesReport report = new RulesReport(console, o.verbose);
        List<Path> files = new ArrayList<>();
        for (String f : o.validateFiles) {
            files.add(Path.of(f));
            LoadResult r = inv.env.engine().validate(RulesRequest.of(List.copyOf(files)));
            String p = prefix ? f + ": " : "";
            report.loaded(r);
            if (!r.ok()) {
                String text = RulesReport.failure(r);
                console.out.print(p + text);
                console.out.flush();
                throw new Failure("Runtime error: " + text + ". Exiting.");
            }
            console.out.println(p + "Ok");
            console.out.flush();
        }
        console.info("Ok");
        return EXIT_SUCCESS;
    }
}
