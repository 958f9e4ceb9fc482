package org.lanner.engine.internal;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lanner.api.engine.EngineStats;
import org.lanner.api.engine.FieldClassInfo;
import org.lanner.api.engine.FieldRegistry;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.engine.RuleInfo;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.output.Alert;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.output.DeliveryListener;
import org.lanner.api.output.Priority;
import org.lanner.api.parse.EventParser;
import org.lanner.api.run.Run;
import org.lanner.api.run.RunException;
import org.lanner.api.run.RunSpec;
import org.lanner.api.run.Runs;
import org.lanner.api.run.SourceInfo;
import org.lanner.api.source.EventRecorderFactory;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.SourcePolicy;
import org.lanner.rules.LoadOptions;
import org.lanner.rules.LoadedRuleset;
import org.lanner.rules.RulesLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The engine: the field registry over every extractor present, rules compiled and swapped in
 * atomically, and the runs of sources through them. Rules that need a source or field not present yet
 * stay pending and compile when it arrives: the last loaded request (and the rules of runs that have
 * their own) is recompiled, off the event path, whenever extractors, sources or policies come or go.
 * It names no source: what is particular to one comes from that source's {@link SourcePolicy}.
 */
@Component(service = {RuleEngine.class, FieldRegistry.class, Runs.class}, configurationPid = EngineConfig.PID, immediate = true)
@Designate(ocd = EngineConfig.class)
public final class EngineComponent implements RuleEngine, FieldRegistry, Runs {

    /**
     * The version rules files check with {@code required_engine_version}. Falco 0.30.0 was 9, 0.31.1 is
     * 11; Lanner reads the rules language of 0.31.1 and adds {@code evt.source} for every source (12)
     * and the {@code k8s} and {@code mesos} field classes (13). Bump it whenever the fields, the event
     * table or the rules language change (the fields checksum test enforces it).
     */
    public static final int ENGINE_VERSION = 13;

    private static final System.Logger LOG = System.getLogger(EngineComponent.class.getName());
    private static final int BATCH_BYTES = 2 << 20;
    private static final int BATCH_EVENTS = 16_384;
    /** How long the end of a run waits for outputs that make no progress with its alerts. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AlertPublisher publisher;
    private volatile EngineConfig config;
    private final Registry registry = new Registry();
    private final Map<Long, FieldIndex.Entry> extractors = new ConcurrentHashMap<>();
    private volatile FieldIndex fields = FieldIndex.empty();
    private final CompiledRules engineRules = new CompiledRules();
    private final RunService runs;
    private final ExecutorService recompiler;
    private final AtomicBoolean recompileScheduled = new AtomicBoolean();
    private Bundle systemBundle;
    private volatile boolean deactivated;

    @Activate
    public EngineComponent(BundleContext context, @Reference AlertPublisher publisher, EngineConfig config) {
        this(publisher, config);
        this.systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
    }

    /** Without a framework (unit tests). */
    EngineComponent(AlertPublisher publisher, EngineConfig config) {
        this.publisher = publisher;
        this.config = config;
        this.recompiler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lanner-rules-recompile");
            t.setDaemon(true);
            return t;
        });
        this.runs = new RunService(registry, engineRules, this::compile, this::index, this::runSettings, new EngineRun.Host() {
            @Override
            public SourcePolicy policy(String source) {
                return registry.policy(source);
            }

            @Override
            public List<EventParser> parsers(String source) {
                return registry.parsers(source);
            }

            @Override
            public void publish(Alert alert, DeliveryListener listener, long stallNanos) {
                if (stallNanos < 0) {
                    EngineComponent.this.publisher.publish(alert, listener);
                } else {
                    EngineComponent.this.publisher.publishWaiting(alert, listener, stallNanos);
                }
            }

            @Override
            public List<String> outputs() {
                return EngineComponent.this.publisher.sinks();
            }

            @Override
            public void log(Level level, String message) {
                LOG.log(level, message);
            }

            @Override
            public void finished(EngineRun run) {
                runs.ended(run);
            }
        });
    }

    @Modified
    void modified(EngineConfig changed) {
        boolean priorityChanged = !changed.priority().equals(config.priority());
        this.config = changed;
        if (priorityChanged) {
            scheduleRecompile();
        }
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
        runs.stopAll(5_000);
        recompiler.shutdownNow();
        try {
            recompiler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ dynamic references

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExtractor(FieldExtractor extractor, Map<String, Object> props) {
        extractors.put(id(props), new FieldIndex.Entry(extractor, new HashSet<>(extractor.sources()), id(props), ranking(props)));
        fieldsChanged();
    }

    void removeExtractor(FieldExtractor extractor, Map<String, Object> props) {
        extractors.remove(id(props));
        fieldsChanged();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addParser(EventParser parser, Map<String, Object> props) {
        registry.addParser(id(props), parser);
    }

    void removeParser(EventParser parser, Map<String, Object> props) {
        registry.removeParser(id(props));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(EventSource source, Map<String, Object> props) {
        registry.addSource(id(props), ranking(props), source, String.valueOf(props.getOrDefault(EventSource.SOURCE, source.sourceName())),
                String.valueOf(props.getOrDefault(EventSource.INPUT, EventSource.INPUT_PLUGIN)));
        fieldsChanged();
    }

    void removeSource(EventSource source, Map<String, Object> props) {
        registry.removeSource(id(props));
        fieldsChanged();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPolicy(SourcePolicy policy, Map<String, Object> props) {
        registry.addPolicy(id(props), ranking(props), policy);
        fieldsChanged();
    }

    void removePolicy(SourcePolicy policy, Map<String, Object> props) {
        registry.removePolicy(id(props));
        fieldsChanged();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRecorder(EventRecorderFactory factory, Map<String, Object> props) {
        registry.addRecorder(id(props), ranking(props), factory, String.valueOf(props.getOrDefault(EventRecorderFactory.FORMAT, "scap")));
    }

    void removeRecorder(EventRecorderFactory factory, Map<String, Object> props) {
        registry.removeRecorder(id(props));
    }

    /**
     * While the framework stops, extractors leave one by one: recompiling then would only report
     * fields as missing. (Deactivation of this component comes after its references are gone.)
     */
    private boolean shuttingDown() {
        return deactivated || (systemBundle != null && systemBundle.getState() == Bundle.STOPPING);
    }

    private static long id(Map<String, Object> props) {
        return (Long) props.get(Constants.SERVICE_ID);
    }

    private static int ranking(Map<String, Object> props) {
        return props.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
    }

    private void fieldsChanged() {
        List<FieldIndex.Entry> list = new ArrayList<>(extractors.values());
        Set<String> known = new HashSet<>(registry.sourceNames());
        known.addAll(FieldIndex.sourcesOf(list));
        fields = new FieldIndex(list, known, Map.of(), registry.policies());
        scheduleRecompile();
    }

    /** Recompiles, off the caller's thread, every ruleset that follows a request: the engine's and the runs' own. */
    private void scheduleRecompile() {
        if (shuttingDown() || !recompileScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            recompiler.execute(() -> {
                recompileScheduled.set(false);
                List<CompiledRules> all = new ArrayList<>(runs.ownRules());
                all.add(engineRules);
                for (CompiledRules holder : all) {
                    RulesRequest request = holder.request();
                    if (request == null) {
                        continue;
                    }
                    LoadedRuleset compiled = compile(request);
                    if (compiled.ok()) {
                        holder.swap(request, index(compiled));
                    } else if (!shuttingDown()) {
                        compiled.problems().forEach(p -> LOG.log(Level.ERROR, "rules not recompiled: " + p));
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            recompileScheduled.set(false);
        }
    }

    // ------------------------------------------------------------------ RuleEngine

    @Override
    public int engineVersion() {
        return ENGINE_VERSION;
    }

    @Override
    public String fieldsChecksum() {
        return fields.checksum();
    }

    @Override
    public LoadResult load(RulesRequest request) {
        LoadedRuleset compiled = compile(request);
        if (compiled.ok()) {
            engineRules.swap(request, index(compiled));
        }
        return result(compiled);
    }

    @Override
    public LoadResult validate(RulesRequest request) {
        return result(compile(request));
    }

    private LoadedRuleset compile(RulesRequest request) {
        Priority min = Priority.parse(config.priority()).orElse(Priority.DEBUG);
        LoadOptions options = new LoadOptions(ENGINE_VERSION, fields, min, request.disabledRules(), request.disabledTags(),
                request.enabledTags(), request.outputExtra(), request.replaceContainerInfo());
        return new RulesLoader(options).load(request.files());
    }

    private RulesetIndex index(LoadedRuleset compiled) {
        return new RulesetIndex(compiled, registry::policy);
    }

    private static LoadResult result(LoadedRuleset r) {
        int enabled = (int) r.rules().stream().filter(c -> c.enabled()).count();
        return new LoadResult(r.problems(), r.rules().size(), enabled, r.macros(), r.lists(), r.pending());
    }

    @Override
    public LoadResult status() {
        RulesetIndex r = engineRules.current();
        return r == null ? new LoadResult(List.of(), 0, 0, 0, 0, List.of()) : result(r.ruleset());
    }

    @Override
    public List<RuleInfo> rules() {
        RulesetIndex r = engineRules.current();
        return r == null ? List.of() : r.infos();
    }

    @Override
    public EngineStats stats() {
        RulesetIndex r = engineRules.current();
        return new EngineStats(runs.events(), runs.detections(), r == null ? 0 : r.infos().size(), r == null ? 0 : r.enabled(), lanes(),
                runs.runsStarted());
    }

    private int lanes() {
        int configured = config.evaluation__lanes();
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    private EngineRun.Settings runSettings() {
        int lanes = lanes();
        return new EngineRun.Settings(lanes, !"all".equalsIgnoreCase(config.rule__matching()), BATCH_BYTES, BATCH_EVENTS,
                Math.max(4, 2 * lanes + 2), STALL_NANOS);
    }

    // ------------------------------------------------------------------ FieldRegistry

    @Override
    public List<FieldClassInfo> fieldClasses() {
        return fields.classes();
    }

    // ------------------------------------------------------------------ Runs

    @Override
    public Run start(RunSpec spec) throws RunException {
        if (deactivated) {
            throw new RunException("the engine is stopping");
        }
        return runs.start(spec);
    }

    @Override
    public List<Run> list() {
        return runs.list();
    }

    @Override
    public Optional<Run> get(String id) {
        return runs.get(id);
    }

    @Override
    public boolean stop(String id) {
        return runs.stop(id);
    }

    @Override
    public List<SourceInfo> sources() {
        return runs.sources();
    }

    @Override
    public Optional<SourceInfo> detect(Path file) throws RunException {
        return runs.detect(file);
    }

    @Override
    public void prepare(String source) {
        runs.prepare(source);
    }
}
