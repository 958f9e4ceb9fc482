package org.lanner.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.lanner.api.engine.Problem;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.run.InputSpec;
import org.lanner.api.run.Run;
import org.lanner.api.run.RunException;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.Runs;
import org.lanner.api.run.SourceInfo;
import org.lanner.api.source.EventRecorder;
import org.lanner.api.source.EventRecorderFactory;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.lanner.rules.LoadedRuleset;

/**
 * The {@link Runs} of the engine: opens the inputs of a spec, gives the run the rules it asked for
 * (its own, or the engine's), starts it, and keeps the runs in progress and the last ones that ended.
 */
final class RunService implements Runs {

    /** Runs that ended kept for listings. */
    static final int RECENT = 16;

    private final Registry registry;
    private final CompiledRules engineRules;
    private final Function<RulesRequest, LoadedRuleset> compiler;
    private final Function<LoadedRuleset, RulesetIndex> indexer;
    private final Supplier<EngineRun.Settings> settings;
    private final EngineRun.Host host;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, EngineRun> active = new ConcurrentHashMap<>();
    private final Map<EngineRun, CompiledRules> ownRules = new ConcurrentHashMap<>();
    private final Deque<EngineRun> recent = new ArrayDeque<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong eventsOfEnded = new AtomicLong();
    private final AtomicLong detectionsOfEnded = new AtomicLong();

    /**
     * @param host what runs need from the engine; its {@code finished} must call {@link #ended}
     */
    RunService(Registry registry, CompiledRules engineRules, Function<RulesRequest, LoadedRuleset> compiler,
            Function<LoadedRuleset, RulesetIndex> indexer, Supplier<EngineRun.Settings> settings, EngineRun.Host host) {
        this.registry = registry;
        this.engineRules = engineRules;
        this.compiler = compiler;
        this.indexer = indexer;
        this.settings = settings;
        this.host = host;
    }

    @Override
    public Run start(RunSpec spec) throws RunException {
        List<Registry.SourceRef> refs = new ArrayList<>();
        for (InputSpec in : spec.inputs()) {
            refs.add(resolve(in));
        }
        CompiledRules rules = engineRules;
        if (spec.rules() != null) {
            LoadedRuleset compiled = compiler.apply(spec.rules());
            if (!compiled.ok()) {
                List<Problem> errors = compiled.errors();
                StringBuilder sb = new StringBuilder("the rules of the run do not load: ").append(errors.size()).append(" error(s)");
                errors.stream().limit(5).forEach(p -> sb.append("\n  ").append(p));
                throw new RunException(sb.toString());
            }
            rules = new CompiledRules(spec.rules(), indexer.apply(compiled));
        }
        EventRecorder recorder = null;
        if (spec.record() != null) {
            refuseRecordingOverAnInput(spec);
            EventRecorderFactory factory = registry.recorder(spec.record().format()).orElseThrow(() -> new RunException(
                    "recording " + spec.record().format() + " files is not available (no recorder for that format)"));
            try {
                recorder = factory.create(spec.record().file(), spec.record().compress());
            } catch (IOException e) {
                throw new RunException("cannot write " + spec.record().file() + ": " + e.getMessage(), e);
            }
        }
        List<InputReader.Opened> opened = new ArrayList<>();
        try {
            for (int i = 0; i < refs.size(); i++) {
                InputSpec in = spec.inputs().get(i);
                Registry.SourceRef ref = refs.get(i);
                try {
                    EventStream stream = ref.source().open(in.params());
                    opened.add(new InputReader.Opened(in, ref.name(), stream));
                } catch (SourceException e) {
                    throw new RunException(e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw new RunException("opening " + in + " failed: " + e, e);
                }
            }
        } catch (RunException e) {
            opened.forEach(o -> o.stream().close());
            closeQuietly(recorder);
            throw e;
        }
        String id = Long.toString(ids.incrementAndGet());
        EngineRun run = new EngineRun(id, spec, host, settings.get(), rules, opened, recorder);
        active.put(id, run);
        if (rules != engineRules) {
            ownRules.put(run, rules);
        }
        started.incrementAndGet();
        run.start();
        return run;
    }

    /** The source that reads an input; a file without a source named is detected from its content. */
    private Registry.SourceRef resolve(InputSpec in) throws RunException {
        String name = in.source();
        if (EventSource.INPUT_FILE.equals(in.input())) {
            Path file = Path.of(in.params());
            if (!in.params().equals("-") && !Files.isReadable(file)) {
                throw new RunException("cannot read " + in.params() + ": no such readable file");
            }
            if (name.isEmpty()) {
                if (in.params().equals("-")) {
                    throw new RunException("standard input cannot be recognized by its content: name its source");
                }
                name = detect(file).map(SourceInfo::source).orElseThrow(() -> new RunException(in.params()
                        + " is not recognized as the events of any source present (" + fileSources() + ")"));
            }
        } else if (name.isEmpty()) {
            throw new RunException("an input of kind " + in.input() + " must name its source");
        }
        String source = name;
        return registry.source(source, in.input()).orElseThrow(() -> new RunException(
                "no " + in.input() + " source of " + source + " events is present" + presentHint()));
    }

    private String fileSources() {
        List<String> names = registry.sources().stream().filter(s -> s.input().equals(EventSource.INPUT_FILE))
                .map(s -> s.name() + " (" + s.source().description() + ")").toList();
        return names.isEmpty() ? "no file source is installed" : "file sources: " + String.join(", ", names);
    }

    private String presentHint() {
        List<String> present = registry.sources().stream().map(s -> s.name() + "/" + s.input()).distinct().toList();
        return present.isEmpty() ? "; no source is present (is a source bundle installed?)" : "; present: " + String.join(", ", present);
    }

    @Override
    public List<Run> list() {
        List<Run> list = new ArrayList<>();
        synchronized (recent) {
            list.addAll(recent);
        }
        List<EngineRun> running = new ArrayList<>(active.values());
        running.sort(Comparator.comparingLong(r -> Long.parseLong(r.id())));
        list.addAll(running);
        list.sort(Comparator.comparingLong(r -> Long.parseLong(r.id())));
        return list;
    }

    @Override
    public Optional<Run> get(String id) {
        EngineRun r = active.get(id);
        if (r != null) {
            return Optional.of(r);
        }
        synchronized (recent) {
            return recent.stream().filter(x -> x.id().equals(id)).map(x -> (Run) x).findFirst();
        }
    }

    @Override
    public boolean stop(String id) {
        EngineRun r = active.get(id);
        if (r == null) {
            return false;
        }
        r.stop();
        return true;
    }

    @Override
    public List<SourceInfo> sources() {
        return registry.sources().stream().map(s -> new SourceInfo(s.name(), s.input(), s.source().description())).toList();
    }

    @Override
    public Optional<SourceInfo> detect(Path file) throws RunException {
        for (Registry.SourceRef s : registry.sources()) {
            if (!s.input().equals(EventSource.INPUT_FILE)) {
                continue;
            }
            try {
                if (s.source().recognizes(file)) {
                    return Optional.of(new SourceInfo(s.name(), s.input(), s.source().description()));
                }
            } catch (IOException e) {
                throw new RunException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    @Override
    public void prepare(String source) {
        registry.source(source, EventSource.INPUT_LIVE).ifPresent(s -> s.source().prepare());
    }

    /** A run ended: it leaves the active runs and joins the recent ones. */
    void ended(EngineRun run) {
        active.remove(run.id());
        ownRules.remove(run);
        var s = run.summary();
        eventsOfEnded.addAndGet(s.events());
        detectionsOfEnded.addAndGet(s.detections());
        synchronized (recent) {
            recent.addLast(run);
            while (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    /** The rules of runs that asked for their own, to recompile them when fields change. */
    List<CompiledRules> ownRules() {
        return new ArrayList<>(ownRules.values());
    }

    /** Stops every run in progress (the engine is going away) and waits a bounded time for them. */
    void stopAll(long waitMillis) {
        List<EngineRun> runs = new ArrayList<>(active.values());
        runs.forEach(EngineRun::stop);
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        for (EngineRun r : runs) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    r.await(java.time.Duration.ofNanos(left));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    long runsStarted() {
        return started.get();
    }

    /** Events read by every run so far (those in progress included). */
    long events() {
        return eventsOfEnded.get() + active.values().stream().mapToLong(r -> r.summary().events()).sum();
    }

    long detections() {
        return detectionsOfEnded.get() + active.values().stream().mapToLong(r -> r.summary().detections()).sum();
    }

    /**
     * Creating the recording empties its file: when that file is one the run reads (the same path,
     * or another name of it: a symbolic or hard link), the run would read nothing. Refused before
     * anything is opened for writing.
     */
    private static void refuseRecordingOverAnInput(RunSpec spec) throws RunException {
        Path out = spec.record().file();
        if (out.toString().equals("-") || !Files.exists(out)) {
            return;
        }
        for (InputSpec in : spec.inputs()) {
            if (!EventSource.INPUT_FILE.equals(in.input()) || in.params().equals("-")) {
                continue;
            }
            boolean same;
            try {
                same = Files.isSameFile(out, Path.of(in.params()));
            } catch (IOException e) {
                // an input that cannot be looked at is reported when it is opened
                continue;
            }
            if (same) {
                throw new RunException("cannot record into " + out + ": it is the file the run reads (" + in.params()
                        + "), which recording would empty before it is read; record into another file");
            }
        }
    }

    private static void closeQuietly(EventRecorder recorder) {
        if (recorder != null) {
            try {
                recorder.close();
            } catch (IOException e) {
                // the run never started: nothing was recorded
            }
        }
    }
}
