package org.lanner.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.lanner.api.config.ConfigResult;
import org.lanner.api.engine.EngineRun;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.Problem;
import org.lanner.api.engine.RuleInfo;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.engine.RunRequest;
import org.lanner.api.engine.RunSummary;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.SourceException;

/**
 * The {@code lanner} command: Falco 0.30's command line, step by step in Falco's order, over the
 * services of the running system. Returns the exit code (0 success, 1 any failure).
 */
final class Command {

    static final int EXIT_SUCCESS = 0;
    static final int EXIT_FAILURE = 1;

    /** How long to wait for a service that a configuration or the command line asks for. */
    private static final Duration SERVICE_WAIT = Duration.ofSeconds(10);

    private final Environment env;
    private final Console console;
    private volatile EngineRun running;
    private List<String> commandLine = List.of();
    private volatile boolean stopRequested;
    private final CountDownLatch stopLatch = new CountDownLatch(1);

    Command(Environment env, Console console) {
        this.env = env;
        this.console = console;
    }

    /** Stops a run in progress (the component is going away). */
    void stop() {
        stopRequested = true;
        stopLatch.countDown();
        EngineRun r = running;
        if (r != null) {
            r.stop();
        }
    }

    /**
     * Whether {@code args} ask for a live capture run: the live source may then load its probe while
     * the framework starts and the rules compile. False for anything that does not parse.
     */
    static boolean capturesLive(String[] args) {
        try {
            Options o = new CommandLineParser().parse(Arrays.asList(args));
            return o.eventsFile == null && !o.help && !o.version && !o.ignoredEvents && !o.listFields && o.validateFiles.isEmpty()
                    && !o.support && !o.describeAll && o.describeRule == null;
        } catch (CommandLineParser.UsageException e) {
            return false;
        }
    }

    int execute(String[] args) {
        this.commandLine = List.of(args);
        Options o;
        try {
            o = new CommandLineParser().parse(Arrays.asList(args));
        } catch (CommandLineParser.UsageException e) {
            console.err.println("lanner: " + e.getMessage());
            console.err.println("Try 'lanner --help' for more information.");
            return EXIT_FAILURE;
        }
        try {
            return execute(o);
        } catch (Failure e) {
            console.error(e.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** A failure reported to the user in one line, ending the command with exit code 1. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private int execute(Options o) throws Failure {
        if (o.help) {
            console.out.print(Usage.text(env.lannerVersion()));
            return EXIT_SUCCESS;
        }
        if (o.version) {
            printVersion();
            return EXIT_SUCCESS;
        }
        rejectUnavailable(o);
        if (o.ignoredEvents) {
            console.out.println(IgnoredEvents.line());
            return EXIT_SUCCESS;
        }
        if (o.listFields) {
            FieldListing.print(console.out, env.fields().fieldClasses(), o.listSource, o.namesOnly, o.verbose);
            return EXIT_SUCCESS;
        }
        if (!o.validateFiles.isEmpty()) {
            return validate(o);
        }

        Path configFile = o.configFile != null ? Path.of(o.configFile) : env.home().resolve("etc").resolve("lanner.yaml");
        if (!Files.isRegularFile(configFile)) {
            throw new Failure("Runtime error: Could not find configuration file at " + configFile + ". Exiting.");
        }
        List<String> overrides = new ArrayList<>(o.overrides);
        if (o.unbuffered) {
            overrides.add("buffered_outputs=false");
        }
        LogSetup.early(console);
        ConfigResult config = env.config().load(configFile, overrides, true);
        if (!config.ok()) {
            config.problems().forEach(p -> console.error(p.toString()));
            throw new Failure("Runtime error: invalid configuration in " + configFile + ". Exiting.");
        }
        console.iso8601(config.value("time_format_iso_8601").map(Boolean::parseBoolean).orElse(false));
        boolean logStderr = config.value("log_stderr").map(Boolean::parseBoolean).orElse(true);
        String logLevel = config.value("log_level").orElse("info");
        console.quiet(!logStderr || !levelAtLeastInfo(logLevel));
        LogSetup.apply(console, logLevel, logStderr);
        config.warnings().forEach(w -> console.info("warning: " + w));
        if (!env.awaitConfiguration(configFile, SERVICE_WAIT)) {
            throw new Failure("Runtime error: the configuration did not reach the engine and the outputs within "
                    + SERVICE_WAIT.toSeconds() + " s. Exiting.");
        }
        console.info("Lanner version " + env.lannerVersion() + " (engine version " + env.engine().engineVersion() + ")");
        console.info("Lanner initialized with configuration file " + configFile);

        List<Path> rulesFiles = new ArrayList<>();
        if (!o.rulesFiles.isEmpty()) {
            o.rulesFiles.forEach(r -> rulesFiles.add(Path.of(r)));
        } else {
            rulesFiles.addAll(config.rulesFiles());
        }
        if (rulesFiles.isEmpty()) {
            throw new Failure("Runtime error: You must specify at least one rules file/directory via -r or a rules_file entry in "
                    + configFile.getFileName() + ". Exiting.");
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
        LoadResult loaded = env.engine().load(rules);
        reportProblems(loaded);
        if (!loaded.ok()) {
            throw new Failure("Runtime error: Could not load rules file(s) " + join(rulesFiles) + ": "
                    + loaded.errors().size() + " error(s). Exiting.");
        }

        if (o.support) {
            console.out.println(SupportInfo.json(env, configFile, rulesFiles, commandLine));
            return EXIT_SUCCESS;
        }
        if (o.describeAll) {
            RuleDescriptions.print(console.out, env.engine().rules(), null);
            return EXIT_SUCCESS;
        }
        if (o.describeRule != null) {
            List<RuleInfo> all = env.engine().rules();
            if (all.stream().noneMatch(r -> r.name().equals(o.describeRule))) {
                throw new Failure("Runtime error: No such rule: " + o.describeRule + ". Exiting.");
            }
            RuleDescriptions.print(console.out, all, o.describeRule);
            return EXIT_SUCCESS;
        }

        awaitOutputs(config.outputs());
        return run(o, rules, config);
    }

    private int run(Options o, RulesRequest rules, ConfigResult config) throws Failure {
        boolean fromFile = o.eventsFile != null;
        String input = fromFile ? EventSource.INPUT_FILE : EventSource.INPUT_LIVE;
        Optional<EventSource> source = env.source(input, "syscall", SERVICE_WAIT);
        if (source.isEmpty()) {
            throw new Failure(fromFile ? "Runtime error: reading capture files is not available in this build (no capture-file source). Exiting."
                    : "Runtime error: live capture is not available in this build (no live syscall source); use -e to read a capture file. Exiting.");
        }
        String params = fromFile ? o.eventsFile : "";
        if (fromFile) {
            if (!Files.isReadable(Path.of(o.eventsFile)) && !o.eventsFile.equals("-")) {
                throw new Failure("Runtime error: Could not open trace filename " + o.eventsFile + " for reading: no such readable file. Exiting.");
            }
            console.info("Reading system call events from file: " + o.eventsFile);
        } else {
            console.info("Opening live capture: " + source.get().description());
        }
        EventRecorder recorder = null;
        if (o.writeFile != null) {
            var factory = env.recorders().orElseThrow(() -> new Failure("Runtime error: writing capture files (-w) is not available in this build. Exiting."));
            try {
                recorder = factory.create(Path.of(o.writeFile), false);
            } catch (IOException e) {
                throw new Failure("Runtime error: cannot write " + o.writeFile + ": " + e.getMessage() + ". Exiting.");
            }
        }
        Duration limit = o.durationSeconds > 0 ? Duration.ofSeconds(o.durationSeconds) : null;
        long started = System.nanoTime();
        EngineRun run;
        try {
            run = env.engine().start(new RunRequest(source.get(), params, limit, o.allEvents, recorder));
        } catch (SourceException e) {
            closeQuietly(recorder);
            throw new Failure("Runtime error: " + e.getMessage() + ". Exiting.");
        }
        running = run;
        if (stopRequested) {
            run.stop();
        }
        RunSummary summary;
        try (AutoCloseable signals = env.onSignals(() -> {
            console.info("SIGINT received, exiting...");
            stop();
        }, () -> reload(rules, config), this::reopen)) {
            Thread timer = null;
            if (limit != null && !fromFile) {
                timer = new Thread(() -> {
                    try {
                        if (!stopLatch.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                            run.stop();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "lanner-duration");
                timer.setDaemon(true);
                timer.start();
            }
            summary = run.await();
            if (timer != null) {
                timer.interrupt();
            }
            if (fromFile && limit != null && !stopRequested) {
                // Falco keeps running (and serving its outputs) until -M seconds have passed, even after the file ended.
                long left = limit.toNanos() - (System.nanoTime() - started);
                if (left > 0) {
                    stopLatch.await(left, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop();
            return EXIT_FAILURE;
        } catch (Exception e) {
            throw new Failure("Runtime error: " + e.getMessage() + ". Exiting.");
        } finally {
            running = null;
            closeQuietly(recorder);
        }
        try {
            if (!env.publisher().drain(SERVICE_WAIT.toMillis())) {
                console.error("Some alerts were still queued for slow outputs when Lanner stopped; see the output statistics.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Summary.print(console, summary, o.verbose);
        if (summary.failure() != null) {
            console.error("Runtime error: " + summary.failure() + ". Exiting.");
            return EXIT_FAILURE;
        }
        return EXIT_SUCCESS;
    }

    private void reload(RulesRequest rules, ConfigResult config) {
        console.info("SIGHUP received, reloading configuration and rules...");
        ConfigResult c = env.config().load(config.file(), List.of(), true);
        if (!c.ok()) {
            c.problems().forEach(p -> console.error(p.toString()));
            console.error("Configuration not reloaded: the running one stays.");
            return;
        }
        LoadResult r = env.engine().load(rules);
        reportProblems(r);
        if (!r.ok()) {
            console.error("Rules not reloaded: the running ruleset stays.");
        } else {
            console.info("Rules reloaded: " + r.enabledRules() + " rules enabled.");
        }
    }

    private void reopen() {
        console.info("SIGUSR1 received, reopening outputs...");
        env.publisher().reopen();
    }

    private int validate(Options o) {
        console.info("Validating rules file(s):");
        o.validateFiles.forEach(f -> console.info("   " + f));
        boolean prefix = o.validateFiles.size() > 1;
        int rc = EXIT_SUCCESS;
        for (String f : o.validateFiles) {
            LoadResult r = env.engine().validate(RulesRequest.of(List.of(Path.of(f))));
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

    private void reportProblems(LoadResult r) {
        for (Problem p : r.problems()) {
            if (p.severity() == Problem.Severity.ERROR) {
                console.error("error: " + p);
            } else {
                console.info("warning: " + p);
            }
        }
        if (!r.pendingRules().isEmpty()) {
            console.info(r.pendingRules().size() + " rule(s) wait for a source or plugin not present: " + String.join(", ", r.pendingRules()));
        }
    }

    /** Waits for the sinks the configuration enables, so no alert of a short replay is lost. */
    private void awaitOutputs(List<String> outputs) throws Failure {
        long deadline = System.nanoTime() + SERVICE_WAIT.toNanos();
        while (true) {
            List<String> missing = new ArrayList<>(outputs);
            missing.removeAll(env.publisher().sinks());
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new Failure("Runtime error: output(s) " + String.join(", ", missing)
                        + " enabled in the configuration did not start (is the bundle installed? see the log above). Exiting.");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted");
            }
        }
    }

    private void rejectUnavailable(Options o) throws Failure {
        Map<String, Boolean> flags = new java.util.LinkedHashMap<>();
        flags.put("-k/--k8s-api (Kubernetes metadata)", o.k8sApi != null);
        flags.put("-K/--k8s-api-cert (Kubernetes metadata)", o.k8sApiCert != null);
        flags.put("--k8s-node (Kubernetes metadata)", o.k8sNode != null);
        flags.put("-m/--mesos-api (Mesos metadata)", o.mesosApi != null);
        flags.put("--cri (container metadata)", o.criSocket != null);
        flags.put("--disable-cri-async (container metadata)", o.disableCriAsync);
        flags.put("--disable-source (only the syscall source exists)", !o.disabledSources.isEmpty());
        flags.put("-d/--daemon (run Lanner under a service manager instead)", o.daemon);
        flags.put("-P/--pidfile (run Lanner under a service manager instead)", o.pidFile != null);
        flags.put("-u/--userspace (the ptrace driver)", o.userspace);
        flags.put("-b/--print-base64", o.printBase64);
        flags.put("-s (statistics file)", o.statsFile != null);
        flags.put("--stats-interval (statistics file)", o.statsInterval != null);
        flags.put("-S/--snaplen", o.snaplen != null);
        flags.put("-pk/-pm (Kubernetes and Mesos metadata)", o.printFormat != null && List.of("k", "kubernetes", "m", "mesos").contains(o.printFormat));
        flags.put("--alternate-lua-dir (Lanner has no Lua)", o.alternateLuaDir != null);
        for (Map.Entry<String, Boolean> e : flags.entrySet()) {
            if (e.getValue()) {
                throw new Failure("Runtime error: " + e.getKey() + " is not available in this build. Exiting.");
            }
        }
    }

    private void printVersion() {
        console.out.println("Lanner version: " + env.lannerVersion());
        console.out.println("Engine version: " + env.engine().engineVersion());
        console.out.println("Fields checksum: " + env.engine().fieldsChecksum());
        console.out.println("Bundles:");
        for (String b : env.bundleVersions()) {
            console.out.println("   " + b);
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

    /** Falco's log_level runs emergency..debug; the command's informational lines show at info and debug. */
    private static boolean levelAtLeastInfo(String level) {
        return level.equalsIgnoreCase("info") || level.equalsIgnoreCase("debug");
    }

    private static String join(List<Path> paths) {
        StringBuilder sb = new StringBuilder();
        for (Path p : paths) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p);
        }
        return sb.toString();
    }

    private static void closeQuietly(EventRecorder recorder) {
        if (recorder != null) {
            try {
                recorder.close();
            } catch (IOException e) {
                // reported by the engine when it failed while recording
            }
        }
    }
}
