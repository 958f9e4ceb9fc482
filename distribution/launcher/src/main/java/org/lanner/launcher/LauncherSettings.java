package org.lanner.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the distribution lives and how long to wait for it.
 *
 * @param home the distribution folder ({@code bin/}, {@code bundles/}, {@code etc/})
 * @param bundles the folder of bundles to install
 * @param startTimeout how long to wait for the command-line bundle to offer its main service
 * @param stopTimeout how long to wait for the framework to stop
 */
record LauncherSettings(Path home, Path bundles, Duration startTimeout, Duration stopTimeout) {

    /** From the system properties set by {@code bin/lanner} ({@code lanner.home}). */
    static LauncherSettings fromSystem() {
        String homeProperty = System.getProperty("lanner.home");
        Path home = homeProperty != null ? Path.of(homeProperty) : Path.of("").toAbsolutePath();
        Path bundles = Path.of(System.getProperty("lanner.bundles", home.resolve("bundles").toString()));
        Duration start = Duration.ofSeconds(Long.getLong("lanner.start.timeout", 20));
        Duration stop = Duration.ofSeconds(Long.getLong("lanner.stop.timeout", 15));
        return new LauncherSettings(home.toAbsolutePath().normalize(), bundles.toAbsolutePath().normalize(), start, stop);
    }

    boolean valid() {
        return Files.isDirectory(bundles);
    }
}
