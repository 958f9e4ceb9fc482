package org.lanner.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.lanner.api.config.ConfigResult;

/**
 * Reads {@code lanner.yaml} ({@code -c}, else {@code etc/lanner.yaml} of the installation) with the
 * {@code -o} overrides, applies it, sets up the log as it says, and waits until the engine and the
 * outputs have it.
 */
final class LoadConfig implements Step {

    @Override
    public int run(Invocation inv) throws Failure {
        Options o = inv.options;
        Console console = inv.console;
        Path configFile = o.configFile != null ? Path.of(o.configFile) : inv.env.home().resolve("etc").resolve("lanner.yaml");
        if (!Files.isRegularFile(configFile)) {
            // Falco's words, with the reason when the path exists but is no file (a folder, /dev/zero)
            String why = !Files.exists(configFile) ? ""
                    : Files.isDirectory(configFile) ? " (it is a directory)" : " (it is not a regular file)";
            throw new Failure("Runtime error: Could not find configuration file at " + configFile + why + ". Exiting.");
        }
        inv.configFile = configFile;
        inv.overrides.addAll(o.overrides);
        if (o.unbuffered) {
            inv.overrides.add("buffered_outputs=false");
        }
        LogSetup.early(console);
        ConfigResult config = inv.env.config().load(configFile, inv.overrides, true);
        if (!config.ok()) {
            config.problems().forEach(p -> console.error(p.toString()));
            throw new Failure("Runtime error: " + blame(config, configFile) + ". Exiting.");
        }
        inv.config = config;
        console.iso8601(config.value("time_format_iso_8601").map(Boolean::parseBoolean).orElse(false));
        boolean logStderr = config.value("log_stderr").map(Boolean::parseBoolean).orElse(true);
        String logLevel = config.value("log_level").orElse("info");
        console.quiet(!logStderr || !atLeastInfo(logLevel));
        LogSetup.apply(console, logLevel, logStderr);
        config.warnings().forEach(w -> console.info("warning: " + w));
        if (!inv.env.awaitConfiguration(configFile, Invocation.SERVICE_WAIT)) {
            throw new Failure("Runtime error: the configuration did not reach the engine and the outputs within "
                    + Invocation.SERVICE_WAIT.toSeconds() + " s. Exiting.");
        }
        console.info("Lanner version " + inv.env.lannerVersion() + " (engine version " + inv.env.engine().engineVersion() + ")");
        console.info("Lanner initialized with configuration file " + configFile);
        return CONTINUE;
    }

    /** What the problems are in: the file, the {@code -o} overrides, or both. */
    static String blame(ConfigResult config, Path configFile) {
        boolean inOverrides = config.problems().stream().anyMatch(p -> "-o".equals(p.file()));
        boolean inFile = config.problems().stream().anyMatch(p -> !"-o".equals(p.file()));
        if (inOverrides && !inFile) {
            return "invalid -o override";
        }
        return "invalid configuration in " + configFile + (inOverrides ? " and in -o overrides" : "");
    }

    /** Falco's log_level runs emergency..debug; the command's informational lines show at info and debug. */
    private static boolean atLeastInfo(String level) {
        return level.equalsIgnoreCase("info") || level.equalsIgnoreCase("debug");
    }
}
