package org.lanner.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.lanner.api.parse.EventParser;
import org.lanner.api.source.EventRecorderFactory;
import org.lanner.api.source.EventSource;
import org.lanner.api.source.SourcePolicy;

/**
 * The services the engine binds dynamically, apart from extractors: sources, their policies, parsers
 * and recorders. Thread-safe; every lookup sees the services present at that moment. Where several
 * services offer the same thing, the one with the highest {@code service.ranking} wins, then the one
 * registered first.
 */
final class Registry {

    /** A source service. */
    record SourceRef(long serviceId, int ranking, EventSource source, String name, String input) {
    }

    private record PolicyRef(long serviceId, int ranking, SourcePolicy policy) {
    }

    private record ParserRef(long serviceId, EventParser parser, Set<String> sources) {
    }

    private record RecorderRef(long serviceId, int ranking, EventRecorderFactory factory, String format) {
    }

    private static final Comparator<SourceRef> SOURCE_ORDER = Comparator.comparingInt((SourceRef r) -> -r.ranking())
            .thenComparingLong(SourceRef::serviceId);

    private final Map<Long, SourceRef> sources = new ConcurrentHashMap<>();
    private final Map<Long, PolicyRef> policies = new ConcurrentHashMap<>();
    private final Map<Long, ParserRef> parsers = new ConcurrentHashMap<>();
    private final Map<Long, RecorderRef> recorders = new ConcurrentHashMap<>();

    void addSource(long id, int ranking, EventSource source, String name, String input) {
        sources.put(id, new SourceRef(id, ranking, source, name, input));
    }

    void removeSource(long id) {
        sources.remove(id);
    }

    void addPolicy(long id, int ranking, SourcePolicy policy) {
        policies.put(id, new PolicyRef(id, ranking, policy));
    }

    void removePolicy(long id) {
        policies.remove(id);
    }

    void addParser(long id, EventParser parser) {
        parsers.put(id, new ParserRef(id, parser, Set.copyOf(parser.sources())));
    }

    void removeParser(long id) {
        parsers.remove(id);
    }

    void addRecorder(long id, int ranking, EventRecorderFactory factory, String format) {
        recorders.put(id, new RecorderRef(id, ranking, factory, format));
    }

    void removeRecorder(long id) {
        recorders.remove(id);
    }

    /** Every source present, best first. */
    List<SourceRef> sources() {
        List<SourceRef> list = new ArrayList<>(sources.values());
        list.sort(SOURCE_ORDER);
        return list;
    }

    /** The source of this name and input kind, if one is present. */
    Optional<SourceRef> source(String name, String input) {
        return sources().stream().filter(s -> s.name().equals(name) && s.input().equals(input)).findFirst();
    }

    /** The names of the sources present. */
    Set<String> sourceNames() {
        Set<String> names = new TreeSet<>();
        sources.values().forEach(s -> names.add(s.name()));
        return names;
    }

    /** The policy of {@code source}: the best one registered for it, or {@link SourcePolicy#DEFAULT}. */
    SourcePolicy policy(String source) {
        PolicyRef best = null;
        for (PolicyRef p : policies.values()) {
            if (p.policy().source().equals(source) && (best == null || p.ranking() > best.ranking()
                    || p.ranking() == best.ranking() && p.serviceId() < best.serviceId())) {
                best = p;
            }
        }
        return best == null ? SourcePolicy.DEFAULT : best.policy();
    }

    /** The best policy of every source that has one, by source name. */
    Map<String, SourcePolicy> policies() {
        Map<String, SourcePolicy> m = new java.util.TreeMap<>();
        for (PolicyRef p : policies.values()) {
            m.putIfAbsent(p.policy().source(), policy(p.policy().source()));
        }
        return m;
    }

    /** The parsers of {@code source} (those declaring no source serve every source), in registration order. */
    List<EventParser> parsers(String source) {
        List<ParserRef> refs = new ArrayList<>(parsers.values());
        refs.sort(Comparator.comparingLong(ParserRef::serviceId));
        List<EventParser> list = new ArrayList<>();
        for (ParserRef p : refs) {
            if (p.sources().isEmpty() || p.sources().contains(source)) {
                list.add(p.parser());
            }
        }
        return list;
    }

    /** The best recorder factory for a file format. */
    Optional<EventRecorderFactory> recorder(String format) {
        return recorders.values().stream().filter(r -> r.format().equals(format))
                .min(Comparator.comparingInt((RecorderRef r) -> -r.ranking()).thenComparingLong(RecorderRef::serviceId))
                .map(RecorderRef::factory);
    }
}
