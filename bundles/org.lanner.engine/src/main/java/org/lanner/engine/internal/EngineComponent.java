package org.lanner.engine.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.lanner.api.engine.EngineRun;
import org.lanner.api.engine.EngineStats;
import org.lanner.api.engine.FieldClassInfo;
import org.lanner.api.engine.FieldRegistry;
import org.lanner.api.engine.LoadResult;
import org.lanner.api.engine.RuleEngine;
import org.lanner.api.engine.RuleInfo;
import org.lanner.api.engine.RulesRequest;
import org.lanner.api.engine.RunRequest;
import org.lanner.api.engine.RunSummary;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.output.Alert;
import org.lanner.api.output.AlertPublisher;
import org.lanner.api.output.Priority;
import org.lanner.api.parse.EventParser;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.lanner.api.syscall.EventFlags;
import org.lanner.api.syscall.EventInfo;
import org.lanner.api.syscall.EventTable;
import org.lanner.api.syscall.IndexKeys;
import org.lanner.common.HostNames;
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
 * The engine: field registry over every extractor present, rules compiled and swapped in
 * atomically, runs of sources through them. Rules that need a source or field not present yet stay
 * pending and compile when it arrives (the last loaded request is recompiled, off the event path,
 * whenever extractors or sources come or go).
 */
@Component(service = {RuleEngine.class, FieldRegistry.class}, configurationPid = EngineConfig.PID, immediate = true)
@Designate(ocd = EngineConfig.class)
public final class EngineComponent implements RuleEngine, FieldRegistry, Pipeline.Host {

    /**
     * The version rules files check with {@code required_engine_version}. Falco 0.30.0 was 9, 0.31.1 is
     * 11; Lanner reads the rules language of 0.31.1, so it answers 11. Bump it whenever the fields, the
     * event table or the rules language change (the fields checksum test enforces it).
     */
    public static final int ENGINE_VERSION = 11;

    private static final System.Logger LOG = System.getLogger(EngineComponent.class.getName());
    private static final int BATCH_BYTES = 2 << 20;
    private static final int BATCH_EVENTS = 16_384;

    private final AlertPublisher publisher;
    private volatile EngineConfig config;
    private final String hostname;
    private final BitSet ignoredByDefault = new BitSet();

    private final Map<Long, FieldIndex.Entry> extractors = new ConcurrentHashMap<>();
    private final Map<Long, ParserRef> parsers = new ConcurrentHashMap<>();
    private final Map<Long, String> sources = new ConcurrentHashMap<>();
    private volatile FieldIndex fields = FieldIndex.empty();
    private volatile RulesetIndex ruleset;
    private volatile RulesRequest lastRequest;
    private final Set<Pipeline> runs = ConcurrentHashMap.newKeySet();
    private final Map<Pipeline, RunRequest> runRequests = new ConcurrentHashMap<>();
    private final ExecutorService recompiler;
    private final AtomicBoolean recompileScheduled = new AtomicBoolean();
    private final AtomicLong totalEvents = new AtomicLong();
    private final AtomicLong totalDetections = new AtomicLong();
    private final AtomicLong runCount = new AtomicLong();
    private Bundle systemBundle;
    private volatile boolean deactivated;

    private record ParserRef(EventParser parser, Set<String> sources) {
    }

    @Activate
    public EngineComponent(BundleContext context, @Reference AlertPublisher publisher, EngineConfig config) {
        this(publisher, config);
        this.systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
    }

    /** Without a framework (unit tests). */
    EngineComponent(AlertPublisher publisher, EngineConfig config) {
        this.publisher = publisher;
        this.config = config;
        this.hostname = HostNames.local();
        for (EventInfo e : EventTable.all()) {
            if (e.has(EventFlags.DROP_SIMPLE_CONS)) {
                ignoredByDefault.set(e.id());
            }
        }
        this.recompiler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lanner-rules-recompile");
            t.setDaemon(true);
            return t;
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
        for (Pipeline p : runs) {
            p.stop();
        }
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
        Set<String> served = new HashSet<>(extractor.sources());
        extractors.put(id(props), new FieldIndex.Entry(extractor, served, id(props)));
        fieldsChanged();
    }

    void removeExtractor(FieldExtractor extractor, Map<String, Object> props) {
        extractors.remove(id(props));
        fieldsChanged();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addParser(EventParser parser, Map<String, Object> props) {
        parsers.put(id(props), new ParserRef(parser, Set.copyOf(parser.sources())));
    }

    void removeParser(EventParser parser, Map<String, Object> props) {
        parsers.remove(id(props));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(EventSource source, Map<String, Object> props) {
        sources.put(id(props), String.valueOf(props.getOrDefault(EventSource.SOURCE, source.sourceName())));
        fieldsChanged();
    }

    void removeSource(EventSource source, Map<String, Object> props) {
        sources.remove(id(props));
        fieldsChanged();
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

    private void fieldsChanged() {
        List<FieldIndex.Entry> list = new ArrayList<>(extractors.values());
        Set<String> known = new HashSet<>(sources.values());
        known.addAll(FieldIndex.sourcesOf(list));
        fields = new FieldIndex(list, known, Map.of());
        scheduleRecompile();
    }

    private void scheduleRecompile() {
        if (lastRequest == null || shuttingDown() || !recompileScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            recompiler.execute(() -> {
                recompileScheduled.set(false);
                RulesRequest request = lastRequest;
                if (request == null) {
                    return;
                }
                LoadedRuleset compiled = compile(request);
                if (compiled.ok()) {
                    swap(new RulesetIndex(compiled));
                } else if (!shuttingDown()) {
                    compiled.problems().forEach(p -> LOG.log(Level.ERROR, "rules not recompiled: " + p));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
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
            lastRequest = request;
            swap(new RulesetIndex(compiled));
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

    private static LoadResult result(LoadedRuleset r) {
        int enabled = (int) r.rules().stream().filter(c -> c.enabled()).count();
        return new LoadResult(r.problems(), r.rules().size(), enabled, r.macros(), r.lists(), r.pending());
    }

    private void swap(RulesetIndex next) {
        ruleset = next;
        for (Pipeline p : runs) {
            RunRequest req = runRequests.get(p);
            if (req != null) {
                p.interestingTypes(interestingTypes(req));
            }
        }
    }

    @Override
    public LoadResult status() {
        RulesetIndex r = ruleset;
        return r == null ? new LoadResult(List.of(), 0, 0, 0, 0, List.of()) : result(r.ruleset());
    }

    @Override
    public List<RuleInfo> rules() {
        RulesetIndex r = ruleset;
        return r == null ? List.of() : r.infos();
    }

    @Override
    public EngineStats stats() {
        RulesetIndex r = ruleset;
        long live = runs.stream().mapToLong(Pipeline::eventsSoFar).sum();
        return new EngineStats(totalEvents.get() + live, totalDetections.get(), r == null ? 0 : r.infos().size(),
                r == null ? 0 : r.enabled(), lanes(), runCount.get());
    }

    @Override
    public EngineRun start(RunRequest request) throws SourceException {
        EngineConfig c = config;
        EventStream stream = request.source().open(request.params());
        DropMonitor drops = new DropMonitor(Arrays.asList(c.syscall__event__drops_actions()), c.syscall__event__drops_threshold(),
                c.syscall__event__drops_rate(), c.syscall__event__drops_max__burst(), c.syscall__event__drops_simulate__drops(), hostname,
                m -> LOG.log(Level.DEBUG, m), this::publish);
        Pipeline.Settings settings = new Pipeline.Settings(lanes(), !"all".equalsIgnoreCase(c.rule__matching()), request.allEvents(),
                request.maxDuration(), BATCH_BYTES, BATCH_EVENTS, Math.max(4, 2 * lanes() + 2), drops,
                c.syscall__event__timeouts_max__consecutives(), ignoredByDefault);
        Pipeline p = new Pipeline(this, settings, stream, request.recorder());
        runs.add(p);
        runRequests.put(p, request);
        runCount.incrementAndGet();
        p.interestingTypes(interestingTypes(request));
        p.start();
        return p;
    }

    private int lanes() {
        int configured = config.evaluation__lanes();
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The event types a live source must deliver: what rules and parsers of its source need; null for all. */
    private BitSet interestingTypes(RunRequest request) {
        if (request.allEvents()) {
            return null;
        }
        String source = request.source().sourceName();
        RulesetIndex r = ruleset;
        BitSet keys = r == null ? new BitSet() : r.eventTypes(source);
        if (keys == null) {
            return null;
        }
        BitSet types = "syscall".equals(source) ? IndexKeys.liveEventTypes(keys) : keys;
        for (EventParser p : parsers(source)) {
            types.or(p.requiredEventTypes());
        }
        return types;
    }

    // ------------------------------------------------------------------ FieldRegistry

    @Override
    public List<FieldClassInfo> fieldClasses() {
        return fields.classes();
    }

    // ------------------------------------------------------------------ Pipeline.Host

    @Override
    public RulesetIndex ruleset() {
        return ruleset;
    }

    @Override
    public List<EventParser> parsers(String source) {
        List<EventParser> list = new ArrayList<>();
        for (ParserRef p : parsers.values()) {
            if (p.sources().isEmpty() || p.sources().contains(source)) {
                list.add(p.parser());
            }
        }
        return list;
    }

    @Override
    public void publish(Alert alert) {
        publisher.publish(alert);
    }

    @Override
    public String hostname() {
        return hostname;
    }

    @Override
    public void log(String message) {
        LOG.log(Level.ERROR, message);
    }

    @Override
    public void finished(Pipeline run, RunSummary summary) {
        runs.remove(run);
        runRequests.remove(run);
        totalEvents.addAndGet(summary.events());
        totalDetections.addAndGet(summary.detections());
    }

}
