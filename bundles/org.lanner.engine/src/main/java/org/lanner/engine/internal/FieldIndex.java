package org.lanner.engine.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lanner.api.engine.FieldClassInfo;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.source.SourcePolicy;
import org.lanner.rules.FieldResolver;
import org.lanner.rules.UnknownFieldException;

/**
 * An immutable snapshot of the extractors and source policies present: resolves the fields rules
 * name, lists them, and checksums them. A new snapshot is built whenever one comes or goes.
 *
 * <p>When several extractors define a field of the same name for a source, the one with the highest
 * {@code service.ranking} wins, then the one registered first (OSGi's order of services).
 */
final class FieldIndex implements FieldResolver {

    /**
     * One extractor with the sources it serves (empty: all).
     *
     * @param serviceId its {@code service.id}
     * @param ranking its {@code service.ranking}
     */
    record Entry(FieldExtractor extractor, Set<String> sources, long serviceId, int ranking) {
    }

    /** Highest ranking first, then the lowest service id. */
    static final Comparator<Entry> PRECEDENCE = Comparator.comparingInt((Entry e) -> -e.ranking())
            .thenComparingLong(Entry::serviceId);

    private final List<Entry> entries;
    private final Set<String> knownSources;
    private final Map<String, String> pluginVersions;
    private final Map<String, SourcePolicy> policies;

    FieldIndex(List<Entry> entries, Set<String> knownSources, Map<String, String> pluginVersions,
            Map<String, SourcePolicy> policies) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(PRECEDENCE);
        this.entries = List.copyOf(sorted);
        this.knownSources = Set.copyOf(knownSources);
        this.pluginVersions = Map.copyOf(pluginVersions);
        this.policies = Map.copyOf(policies);
    }

    static FieldIndex empty() {
        return new FieldIndex(List.of(), Set.of(), Map.of(), Map.of());
    }

    @Override
    public FieldAccessor resolve(String source, String field, String argument) throws UnknownFieldException, FieldBindException {
        // Exact names first, then a field that takes its argument after a dot (evt.arg.name).
        for (Entry e : entries) {
            if (!serves(e, source)) {
                continue;
            }
            for (FieldInfo f : e.extractor().fields()) {
                if (f.name().equals(field)) {
                    return e.extractor().bind(f.name(), argument);
                }
            }
        }
        if (argument == null) {
            FieldInfo best = null;
            Entry owner = null;
            for (Entry e : entries) {
                if (!serves(e, source)) {
                    continue;
                }
                for (FieldInfo f : e.extractor().fields()) {
                    if (f.has(FieldFlag.DOTTED_ARGUMENT) && field.length() > f.name().length() + 1 && field.startsWith(f.name())
                            && field.charAt(f.name().length()) == '.' && (best == null || f.name().length() > best.name().length())) {
                        best = f;
                        owner = e;
                    }
                }
            }
            if (best != null) {
                return owner.extractor().bind(best.name(), field.substring(best.name().length() + 1));
            }
        }
        throw new UnknownFieldException(field);
    }

    private static boolean serves(Entry e, String source) {
        return e.sources().isEmpty() || e.sources().contains(source);
    }

    @Override
    public boolean knowsSource(String source) {
        return knownSources.contains(source);
    }

    @Override
    public Map<String, String> pluginVersions() {
        return pluginVersions;
    }

    @Override
    public SourcePolicy policy(String source) {
        return policies.getOrDefault(source, SourcePolicy.DEFAULT);
    }

    /**
     * The field classes for {@code --list}: those of every source first (libsinsp lists its generic
     * event fields first), then in the order they were registered.
     */
    List<FieldClassInfo> classes() {
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing((Entry e) -> !e.sources().isEmpty()).thenComparingLong(Entry::serviceId));
        List<FieldClassInfo> list = new ArrayList<>();
        for (Entry e : ordered) {
            list.add(new FieldClassInfo(e.extractor().fieldClass(), e.extractor().description(), e.sources(), e.extractor().fields()));
        }
        return list;
    }

    /**
     * SHA-256 over every field listed (name and type, sorted) and the event schema each source's policy
     * declares (for system calls, the event table: ids, names, parameters), so a change of either shows
     * as a change of the checksum (Falco's FIELDS_CHECKSUM). {@code itests/distribution.tests} checks it
     * against engine-versions.txt.
     */
    String checksum() {
        TreeSet<String> names = new TreeSet<>();
        for (Entry e : entries) {
            for (FieldInfo f : e.extractor().fields()) {
                if (!f.has(FieldFlag.HIDDEN)) {
                    names.add(f.name() + " " + f.type());
                }
            }
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String n : names) {
                md.update(n.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            for (SourcePolicy p : new java.util.TreeMap<>(policies).values()) {
                for (String line : p.schema()) {
                    md.update(line.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) '\n');
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sources served by some extractor (for the pending-rules logic). */
    static Set<String> sourcesOf(List<Entry> entries) {
        Set<String> s = new TreeSet<>();
        entries.forEach(e -> s.addAll(e.sources()));
        return s;
    }
}
