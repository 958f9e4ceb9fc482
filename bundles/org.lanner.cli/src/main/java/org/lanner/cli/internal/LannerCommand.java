package org.lanner.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lanner.api.config.ConfigService;
import org.lanner.api.engine.FieldRegistry;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.run.Runs;
import org.lanner.api.source.EventSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The launcher's main service: the launcher calls {@link #call()} on its main thread with the
 * command line it registered as {@code launcher.arguments}, and exits with the result.
 */
@Component(service = Callable.class, property = "main.thread:Boolean=true", immediate = true)
public final class LannerCommand implements Callable<Integer>, Environment {

    private final String[] arguments;
    private final Path home;
    private final BundleContext context;
    private final ConfigService config;
    private final RuleEngine engine;
    private final FieldRegistry fields;
    private final AlertPublisher publisher;
    private final Runs runs;
    private final Command command;
    private final boolean live;
    private final ProcessControl process = new LibcProcessControl();

    /** The marker the configuration bundle puts on every configuration it dispatches. */
    private static final String ORIGIN = "lanner.config.origin";
    /** Service property of a configured component that could not start: why, in one line. */
    static final String START_FAILURE = "lanner.start.failure";

    @Activate
    public LannerCommand(BundleContext context,
            @Reference(service = Object.class, target = "(launcher.arguments=*)") Map<String, Object> launcher,
            @Reference ConfigService config, @Reference RuleEngine engine, @Reference FieldRegistry fields,
            @Reference AlertPublisher publisher, @Reference Runs runs) {
        this.context = context;
        Object args = launcher.get("launcher.arguments");
        this.arguments = args instanceof String[] a ? a.clone() : new String[0];
        Object h = launcher.get("launcher.home");
        this.home = Path.of(h != null ? h.toString() : context.getProperty("lanner.home") != null ? context.getProperty("lanner.home") : ".");
        this.config = config;
        this.engine = engine;
        this.fields = fields;
        this.publisher = publisher;
        this.runs = runs;
        this.command = new Command(this, new Console(System.out, System.err));
        this.live = Command.capturesLive(arguments);
    }

    /**
     * The live system-call source, as soon as it appears: its probe loads (the kernel's verifier takes
     * most of a second) while the framework starts and the rules compile.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(&(" + EventSource.SOURCE + "=" + OpenSources.SYSCALL + ")(" + EventSource.INPUT + "=" + EventSource.INPUT_LIVE + "))")
    void addLiveSource(EventSource source) {
        if (live) {
            source.prepare();
        }
    }

    void removeLiveSource(EventSource source) {
        // nothing kept: what it prepared and nobody opened is released by the source itself
    }

    @Deactivate
    void deactivate() {
        command.stop();
    }

    @Override
    public Integer call() {
        return command.execute(arguments);
    }

    @Override
    public Path home() {
        return home;
    }

    @Override
    public String lannerVersion() {
        // the distribution's version (bundles are versioned on their own); a bare framework has none
        String version = context.getProperty("lanner.version");
        return version != null ? version : context.getBundle().getVersion().toString();
    }

    @Override
    public List<String> bundleVersions() {
        List<String> list = new ArrayList<>();
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, (a, b) -> String.valueOf(a.getSymbolicName()).compareTo(String.valueOf(b.getSymbolicName())));
        for (Bundle b : bundles) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.lanner.")) {
                list.add(String.format("%-32s %-24s %s", b.getSymbolicName(), b.getVersion(), state(b.getState())));
            }
        }
        return list;
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed (unresolved)";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    @Override
    public ConfigService config() {
        return config;
    }

    @Override
    public RuleEngine engine() {
        return engine;
    }

    @Override
    public FieldRegistry fields() {
        return fields;
    }

    @Override
    public AlertPublisher publisher() {
        return publisher;
    }

    @Override
    public Runs runs() {
        return runs;
    }

    @Override
    public boolean awaitConfiguration(Path file, Duration wait) {
        String origin = file.toAbsolutePath().normalize().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        while (!(configured(RuleEngine.class, origin) && configured(AlertPublisher.class, origin))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** DS publishes a component's configuration as its service properties, the dispatcher's origin marker included. */
    private boolean configured(Class<?> service, String origin) {
        ServiceReference<?> ref = context.getServiceReference(service);
        return ref != null && origin.equals(String.valueOf(ref.getProperty(ORIGIN)));
    }

    @Override
    public List<String> startFailures(Path file) {
        List<String> failures = new ArrayList<>();
        for (ServiceReference<?> ref : references("(&(" + START_FAILURE + "=*)(" + ORIGIN + "=" + origin(file) + "))")) {
            failures.add(String.valueOf(ref.getProperty(START_FAILURE)));
        }
        return failures;
    }

    @Override
    public boolean startedOrFailed(String pid, Path file) {
        return references("(&(service.pid=" + pid + ")(" + ORIGIN + "=" + origin(file) + "))").length > 0;
    }

    private static String origin(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        StringBuilder escaped = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private ServiceReference<?>[] references(String filter) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, filter);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ProcessControl process() {
        return process;
    }

    @Override
    public AutoCloseable onSignals(Runnable stop, Runnable reload, Runnable reopen) {
        if (process.daemonLauncher().isPresent()) {
            // started in the background for -d: the shell made SIGINT ignored, which a JVM would keep
            process.allowInterrupt();
        }
        return new Signals(stop, reload, reopen);
    }
}
