package org.lanner.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lanner.api.extract.BufferFormat;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.RecordSpec;
import org.lanner.api.run.RunException;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.Runs;
import org.lanner.api.run.SourceInfo;
import org.lanner.api.source.EventSource;

/**
 * Chooses what the run reads. {@code -e FILE}: the file, read by the source that recognizes its content
 * (a capture for the syscall source). Otherwise every live source present, the system calls of this
 * host first, less those {@code --disable-source} names. Then the run's limits ({@code -M}),
 * recording ({@code -w}) and how its fields render byte buffers ({@code -b}). {@code -S} sets the
 * live driver's snaplen; on a capture file it does nothing, as in Falco.
 */
final class OpenSources implements Step {

    /** The live source Falco always opens unless disabled: the host's system calls. */
    static final String SYSCALL = "syscall";

    /** The source of Kubernetes audit events, received by the webserver. */
    static final String K8S_AUDIT = "k8s_audit";

    @Override
    public int run(Invocation inv) throws Failure {
        Options o = inv.options;
        Set<String> disabled = new LinkedHashSet<>(o.disabledSources);
        List<InputSpec> inputs = new ArrayList<>();
        Runs runs = inv.env.runs();
        if (o.eventsFile != null) {
            inv.fromFile = true;
            inputs.add(fileInput(inv, o.eventsFile, disabled));
            if (o.snaplen != null) {
                // libsinsp sets the snaplen only on a live capture
                inv.console.info("-S/--snaplen has no effect on a capture file: its buffers are as they were recorded");
            }
        } else {
            warnUnknown(inv, disabled, runs);
            if (!disabled.contains(SYSCALL)) {
                awaitLive(inv, SYSCALL);
                inputs.add(liveSyscall(o));
            }
            for (SourceInfo s : runs.sources()) {
                if (s.input().equals(EventSource.INPUT_LIVE) && !s.source().equals(SYSCALL) && !disabled.contains(s.source())
                        && inputs.stream().noneMatch(i -> i.source().equals(s.source()))) {
                    inputs.add(InputSpec.live(s.source()));
                }
            }
            if (inputs.isEmpty()) {
                throw new Failure("Runtime error: The event source \"syscall\" and \"k8s_audit\" can not be disabled together"
                        + " (no event source is left to read). Exiting.");
            }
            for (InputSpec in : inputs) {
                inv.console.info("Opening live capture: " + description(runs, in));
            }
            noteMissingWebserver(inv, disabled, runs);
        }
        Duration limit = o.durationSeconds > 0 ? Duration.ofSeconds(o.durationSeconds) : null;
        RecordSpec record = o.writeFile == null ? null : RecordSpec.scap(Path.of(o.writeFile));
        // -b: Falco sets the inspector's buffer format, so the run's fields render buffers in base64
        BufferFormat buffers = o.printBase64 ? BufferFormat.BASE64 : BufferFormat.NORMAL;
        inv.runSpec = new RunSpec("lanner", inputs, null, limit, 0, o.allEvents, record, buffers, List.of());
        return CONTINUE;
    }

    /**
     * The host's system calls; with {@code -S N} (N above 0: 0 is Falco's "keep the default"), the
     * driver keeps N bytes of I/O buffers for this run (its open parameter {@code snaplen=N}).
     */
    static InputSpec liveSyscall(Options o) {
        if (o.snaplen == null || o.snaplen == 0) {
            return InputSpec.live(SYSCALL);
        }
        return new InputSpec(SYSCALL, EventSource.INPUT_LIVE, "snaplen=" + o.snaplen);
    }

    private static InputSpec fileInput(Invocation inv, String file, Set<String> disabled) throws Failure {
        if (file.equals("-")) {
            inv.console.info("Reading system call events from standard input");
            return InputSpec.file(SYSCALL, Path.of("-"));
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw new Failure("Runtime error: Could not open trace filename " + file + " for reading: no such readable file. Exiting.");
        }
        SourceInfo source = detect(inv, path);
        if (disabled.contains(source.source())) {
            throw new Failure("Runtime error: " + file + " holds " + source.source() + " events, and --disable-source "
                    + source.source() + " disables them. Exiting.");
        }
        inv.console.info("Reading " + (source.source().equals(SYSCALL) ? "system call" : source.source()) + " events from file: " + file);
        return InputSpec.file(source.source(), path);
    }

    /** The source of a file, waiting a bounded time for the file sources to appear. */
    private static SourceInfo detect(Invocation inv, Path file) throws Failure {
        Runs runs = inv.env.runs();
        long deadline = System.nanoTime() + Invocation.SERVICE_WAIT.toNanos();
        while (true) {
            List<SourceInfo> fileSources = runs.sources().stream().filter(s -> s.input().equals(EventSource.INPUT_FILE)).toList();
            if (!fileSources.isEmpty()) {
                try {
                    Optional<SourceInfo> found = runs.detect(file);
                    if (found.isPresent()) {
                        return found.get();
                    }
                } catch (RunException e) {
                    throw new Failure("Runtime error: " + e.getMessage() + ". Exiting.");
                }
                throw new Failure("Runtime error: Trace filename " + file + " not recognized as the events of any source present ("
                        + String.join(", ", fileSources.stream().map(s -> s.source() + ": " + s.description()).toList()) + "). Exiting.");
            }
            if (System.nanoTime() > deadline) {
                throw new Failure("Runtime error: reading capture files is not available in this build (no file source). Exiting.");
            }
            sleep();
        }
    }

    private static void awaitLive(Invocation inv, String source) throws Failure {
        long deadline = System.nanoTime() + Invocation.SERVICE_WAIT.toNanos();
        while (inv.env.runs().sources().stream().noneMatch(s -> s.source().equals(source) && s.input().equals(EventSource.INPUT_LIVE))) {
            if (System.nanoTime() > deadline) {
                throw new Failure("Runtime error: live capture is not available in this build (no live " + source
                        + " source); use -e to read a capture file. Exiting.");
            }
            sleep();
        }
    }

    /**
     * Falco starts its webserver (the Kubernetes audit endpoint) for a live run when {@code webserver.enabled};
     * in a build whose live {@code k8s_audit} source is absent, say once that nothing listens.
     */
    private static void noteMissingWebserver(Invocation inv, Set<String> disabled, Runs runs) {
        boolean enabled = inv.config.value("webserver.enabled").map(Boolean::parseBoolean).orElse(false);
        boolean audit = runs.sources().stream().anyMatch(s -> s.source().equals(K8S_AUDIT) && s.input().equals(EventSource.INPUT_LIVE));
        if (enabled && !audit && !disabled.contains(K8S_AUDIT)) {
            inv.console.info("webserver.enabled is true, but this build has no webserver: Kubernetes audit events cannot "
                    + "be received over HTTP yet (set webserver.enabled: false to silence this)");
        }
    }

    /** Falco accepts any name; a name that is no source present is most likely a typo, so say it. */
    private static void warnUnknown(Invocation inv, Set<String> disabled, Runs runs) {
        for (String d : disabled) {
            if (!d.equals(SYSCALL) && runs.sources().stream().noneMatch(s -> s.source().equals(d))) {
                inv.console.info("warning: --disable-source " + d + ": no such event source is present");
            }
        }
    }

    private static String description(Runs runs, InputSpec in) {
        return runs.sources().stream().filter(s -> s.source().equals(in.source()) && s.input().equals(in.input()))
                .map(SourceInfo::description).findFirst().orElse(in.source());
    }

    private static void sleep() throws Failure {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }
}
