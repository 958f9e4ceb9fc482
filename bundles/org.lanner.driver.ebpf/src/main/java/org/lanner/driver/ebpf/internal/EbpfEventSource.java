package org.lanner.driver.ebpf.internal;

import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventSourceName;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The live {@code syscall} source: each {@link #open} loads and attaches the eBPF probe and
 * returns a stream of this host's system calls. Needs root (or CAP_BPF and CAP_PERFMON) and a
 * kernel with BTF; without them {@code open} fails with the reason.
 */
@Component(service = EventSource.class, configurationPid = EbpfEventSource.PID)
@EventSourceName(source = "syscall", input = EventSource.INPUT_LIVE)
@Designate(ocd = EbpfEventSource.Config.class)
public final class EbpfEventSource implements EventSource {

    /** Configuration PID. */
    public static final String PID = "org.lanner.driver.ebpf";

    @ObjectClassDefinition(name = "Lanner eBPF driver", description = "Live capture of system calls")
    public @interface Config {

        @AttributeDefinition(description = "Size of each per-CPU ring buffer in MiB (a power of two)")
        int bufferSizeMb() default 8;

        @AttributeDefinition(description = "Bytes of I/O data kept in read/write/send/recv events")
        int snaplen() default 80;

        @AttributeDefinition(description = "Reordering window in microseconds: events wait this long for older ones from other CPUs")
        int reorderWindowMicros() default 1000;
    }

    private final DriverSettings settings;

    @Activate
    public EbpfEventSource(Config config) {
        this.settings = new DriverSettings(config.bufferSizeMb() << 20, config.snaplen(), config.reorderWindowMicros() * 1000L,
                DriverSettings.DEFAULTS.copyBufferBytes(), DriverSettings.DEFAULTS.maxEventsPerCall());
    }

    @Override
    public String sourceName() {
        return "syscall";
    }

    @Override
    public String description() {
        return "system calls of this host, captured live by the eBPF driver";
    }

    @Override
    public EventStream open(String params) throws SourceException {
        return LiveEventStream.open(settings, new ProcScanner());
    }
}
