package org.lanner.driver.ebpf.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.lanner.api.source.EventSource;
import org.lanner.api.source.EventSourceName;
import org.lanner.api.source.EventStream;
import org.lanner.api.source.SourceException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The live {@code syscall} source: each {@link #open} loads and attaches the eBPF probe and
 * returns a stream of this host's system calls. Needs root (or CAP_BPF and CAP_PERFMON) and a
 * kernel with BTF; without them {@code open} fails with the reason. {@link #prepare} loads the probe
 * ahead (the kernel's verifier takes most of a second) while the caller compiles its rules.
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
    private final Object lock = new Object();
    /** A probe loaded by {@link #prepare}, not yet taken by {@link #open}. */
    private CompletableFuture<DriverHandle> prepared;
    private long preparedAt;

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
    public void prepare() {
        synchronized (lock) {
            if (prepared != null) {
                return;
            }
            preparedAt = System.nanoTime();
            prepared = new CompletableFuture<>();
            CompletableFuture<DriverHandle> result = prepared;
            Thread t = new Thread(() -> {
                try {
                    result.complete(DriverHandle.open(settings));
                } catch (SourceException | RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }, "lanner-driver-load");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Starts capturing. {@code params} may set this stream's snaplen ({@code snaplen=200},
     * {@link OpenParams}); a probe loaded ahead gets it before capture starts.
     */
    @Override
    public EventStream open(String params) throws SourceException {
        OpenParams p = OpenParams.parse(params);
        CompletableFuture<DriverHandle> ahead;
        long t0;
        synchronized (lock) {
            ahead = prepared;
            t0 = preparedAt;
            prepared = null;
        }
        if (ahead == null) {
            return LiveEventStream.open(p.snaplen() == null ? settings : settings.withSnaplen(p.snaplen()), new ProcScanner());
        }
        DriverHandle h;
        try {
            h = ahead.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SourceException se) {
                throw se;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
        if (p.snaplen() != null) {
            try {
                h.snaplen(p.snaplen());
            } catch (RuntimeException e) {
                h.close();
                throw e;
            }
        }
        return LiveEventStream.open(h, new ProcScanner()::scan, t0);
    }

    /** Unloads a probe that was prepared and never opened. */
    @Deactivate
    void deactivate() {
        CompletableFuture<DriverHandle> ahead;
        synchronized (lock) {
            ahead = prepared;
            prepared = null;
        }
        if (ahead != null) {
            ahead.thenAccept(DriverHandle::close);
        }
    }
}
