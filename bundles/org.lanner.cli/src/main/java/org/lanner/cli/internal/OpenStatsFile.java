package org.lanner.cli.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code -s FILE} and {@code --stats-interval MSEC}: opens Falco's statistics file for appending and
 * attaches its writer to the run as a monitor of the run's first input ({@link StatsFile}). The file
 * is opened before the run starts, so a file that cannot be written stops the command with one line
 * instead of a run that fails later.
 */
final class OpenStatsFile implements Step {

    @Override
    public int run(Invocation inv) throws Failure {
        Options o = inv.options;
        if (o.statsFile == null) {
            if (o.statsInterval != null) {
                inv.console.info("--stats-interval has no effect without -s <stats_file>");
            }
            return CONTINUE;
        }
        int interval = o.statsInterval != null ? o.statsInterval : StatsFile.DEFAULT_INTERVAL_MS;
        StatsFile stats;
        try {
            stats = StatsFile.open(Path.of(o.statsFile), interval, System.getenv(), System::nanoTime, inv::stop);
        } catch (IOException e) {
            throw new Failure("Runtime error: Could not open statistics file " + o.statsFile + " for writing: " + reason(e) + ". Exiting.");
        }
        inv.statsFile = stats;
        inv.runSpec = inv.runSpec.withMonitor(stats.watching(inv.runSpec.inputs().get(0)));
        return CONTINUE;
    }

    /** What the file system said, without Java's exception names. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
