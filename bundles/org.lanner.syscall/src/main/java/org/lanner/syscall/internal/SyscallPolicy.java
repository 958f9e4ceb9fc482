package org.lanner.syscall.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.lanner.api.event.Event;
import org.lanner.api.source.Snapshot;
import org.lanner.api.source.SourcePolicy;
import org.lanner.api.source.StreamMonitor;
import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.table.IndexKeys;
import org.lanner.api.syscall.SystemSnapshot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * What is particular to system-call events, for the engine: rules are indexed by event type, generic
 * events by the system call they carry ({@link IndexKeys}); live capture selects the types rules and
 * state need; the "simple consumer" events are skipped by rules unless every event is asked for;
 * streams start from a {@link SystemSnapshot}; the event table is this source's part of the fields
 * checksum; rules get Falco's event-type warnings; and each stream is watched for drops and silence
 * ({@link SyscallMonitor}, configured by lanner.yaml's {@code syscall_event_drops} and
 * {@code syscall_event_timeouts}).
 */
@Component(service = SourcePolicy.class, property = SourcePolicy.SOURCE + "=syscall", configurationPid = SyscallPolicy.PID)
@Designate(ocd = SyscallPolicy.Config.class)
public final class SyscallPolicy implements SourcePolicy {

    /** The PID lanner.yaml's {@code syscall_event_drops} and {@code syscall_event_timeouts} go to. */
    public static final String PID = "org.lanner.syscall";

    @ObjectClassDefinition(name = "Lanner system-call source", description = "Drop and silence monitoring of system-call streams.")
    public @interface Config {

        @AttributeDefinition(description = "What to do when the driver drops events: ignore, log, alert, exit.")
        String[] syscall__event__drops_actions() default {"log", "alert"};

        @AttributeDefinition(description = "Act only when the ratio of dropped events in a second is above this.")
        double syscall__event__drops_threshold() default 0.1;

        @AttributeDefinition(description = "Actions per second allowed (token bucket rate).")
        double syscall__event__drops_rate() default 0.03333;

        @AttributeDefinition(description = "Actions allowed in a burst (token bucket size).")
        double syscall__event__drops_max__burst() default 1;

        @AttributeDefinition(description = "Count one dropped event more at every check (once a second of event time), "
                + "live or on a capture, with a threshold of 0 (to test the actions).")
        boolean syscall__event__drops_simulate__drops() default false;

        @AttributeDefinition(description = "Consecutive empty reads of a live stream before an internal alert is raised.")
        int syscall__event__timeouts_max__consecutives() default 1000;
    }

    private static final BitSet IGNORED = ignored();
    private static final List<String> SCHEMA = schemaLines();

    private volatile SyscallMonitor.Settings settings;

    @Activate
    public SyscallPolicy(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        this.settings = new SyscallMonitor.Settings(Arrays.asList(config.syscall__event__drops_actions()),
                config.syscall__event__drops_threshold(), config.syscall__event__drops_rate(),
                config.syscall__event__drops_max__burst(), config.syscall__event__drops_simulate__drops(),
                config.syscall__event__timeouts_max__consecutives());
    }

    @Override
    public String source() {
        return "syscall";
    }

    @Override
    public int keySpace() {
        return IndexKeys.MAX;
    }

    @Override
    public boolean keyedByContent(int type) {
        return IndexKeys.isGeneric(type);
    }

    @Override
    public int key(Event event) {
        return IndexKeys.of(event);
    }

    @Override
    public BitSet eventTypes(BitSet keys) {
        return IndexKeys.eventTypes(keys);
    }

    @Override
    public BitSet liveEventTypes(BitSet keys) {
        return IndexKeys.liveEventTypes(keys);
    }

    @Override
    public BitSet ignoredTypes() {
        return (BitSet) IGNORED.clone();
    }

    @Override
    public boolean warnsAboutEventTypes() {
        return true;
    }

    @Override
    public Class<? extends Snapshot> snapshotType() {
        return SystemSnapshot.class;
    }

    @Override
    public List<String> schema() {
        return SCHEMA;
    }

    @Override
    public StreamMonitor monitor(StreamMonitor.Context context) {
        return new SyscallMonitor(settings, context);
    }

    /** Falco's events of "simple consumers" ({@code EF_DROP_SIMPLE_CONS}): rules skip them unless {@code -A}. */
    private static BitSet ignored() {
        BitSet b = new BitSet();
        for (EventInfo e : EventTable.all()) {
            if (e.has(EventFlags.DROP_SIMPLE_CONS)) {
                b.set(e.id());
            }
        }
        return b;
    }

    /** The event table, one line per event: id, name, parameters with their types. */
    private static List<String> schemaLines() {
        List<String> lines = new ArrayList<>();
        for (EventInfo e : EventTable.all()) {
            StringBuilder sb = new StringBuilder().append(e.id()).append(' ').append(e.name());
            e.params().forEach(p -> sb.append(' ').append(p.name()).append(':').append(p.type()));
            lines.add(sb.toString());
        }
        return List.copyOf(lines);
    }
}
