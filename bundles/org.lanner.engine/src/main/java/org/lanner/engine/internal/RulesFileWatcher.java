package org.lanner.engine.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lanner.api.config.ConfigResult;
import org.lanner.api.config.ConfigService;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.Problem;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.engine.RulesRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Loads the rules files of the configuration applied last ({@code rules_file} of lanner.yaml) into
 * the engine, and loads them again whenever one changes — the "changed file" reload of a long-running
 * Lanner in Karaf (the standalone command loads rules itself and reloads on SIGHUP). The engine
 * compiles off the event path and swaps atomically; when the new rules do not compile, the running
 * ones stay and the problems are logged. Exists only when its configuration does.
 */
@Component(configurationPid = RulesFileWatcher.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = RulesFileWatcher.Config.class)
public final class RulesFileWatcher {

    static final String PID = "org.lanner.rules.watch";
    private static final Logger LOG = System.getLogger(RulesFileWatcher.class.getName());
    /** A change is loaded when two reads this far apart agree. */
    private static final long SETTLE_MILLIS = 30;

    @ObjectClassDefinition(name = "Lanner rules watcher", description = "Loads the rules files of lanner.yaml and reloads them when they change.")
    public @interface Config {
        @AttributeDefinition(description = "Milliseconds between two checks of the rules files.", min = "50")
        long interval() default 2000;
    }

    private final ConfigService config;
    private final RuleEngine engine;
    private final ScheduledExecutorService executor;
    private List<Path> lastFiles = List.of();
    private byte[] lastDigest;

    @Activate
    public RulesFileWatcher(@Reference ConfigService config, @Reference RuleEngine engine, Config settings) {
        this.config = config;
        this.engine = engine;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lanner-rules-watch");
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(50, settings.interval());
        executor.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One check: loads the rules when the list of files or their contents changed since the last load. */
    void check() {
        try {
            ConfigResult current = config.current();
            if (current == null) {
                return;
            }
            List<Path> files = current.rulesFiles();
            byte[] digest = digest(files);
            if (files.equals(lastFiles) && Arrays.equals(digest, lastDigest)) {
                return;
            }
            if (lastDigest != null) {
                // a file still being written (truncated first) is loaded at the next check, whole
                Thread.sleep(SETTLE_MILLIS);
                if (!Arrays.equals(digest, digest(files))) {
                    return;
                }
            }
            lastFiles = files;
            lastDigest = digest;
            LoadResult r = engine.load(RulesRequest.of(files));
            for (Problem p : r.problems()) {
                LOG.log(p.severity() == Problem.Severity.ERROR ? Level.ERROR : Level.WARNING, p.toString());
            }
            if (r.ok()) {
                LOG.log(Level.INFO, "rules loaded from " + files + ": " + r.enabledRules() + " rules enabled"
                        + (r.pendingRules().isEmpty() ? "" : ", " + r.pendingRules().size() + " pending"));
            } else {
                LOG.log(Level.ERROR, "rules from " + files + " not loaded: " + r.errors().size() + " error(s); the running rules stay");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "checking the rules files failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A digest of every rules file (a folder contributes its .yaml/.yml files), changing with any content. */
    static byte[] digest(List<Path> files) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path f : files) {
            for (Path p : expand(f)) {
                md.update(p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    md.update(Files.readAllBytes(p));
                } catch (IOException e) {
                    md.update((byte) 0); // unreadable: the engine reports it on load
                }
            }
        }
        return md.digest();
    }

    private static List<Path> expand(Path f) {
        List<Path> list = new ArrayList<>();
        if (Files.isDirectory(f)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(f, "*.{yaml,yml}")) {
                s.forEach(list::add);
            } catch (IOException e) {
                list.add(f);
            }
            list.sort(null);
        } else {
            list.add(f);
        }
        return list;
    }
}
