package org.lanner.cli.internal;

import java.util.Map;

import org.lanner.api.source.EventSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Asks the live system-call source to load its probe as soon as it is there, when the command line
 * asks for a live run: the kernel's verifier takes most of a second, which then overlaps with the
 * rest of the framework's start, the configuration and the rules. Apart from {@link LannerCommand}
 * because that one waits for the engine, the configuration and the outputs, which come later.
 */
@Component(immediate = true)
public final class LiveProbePreloader {

    private final boolean live;

    @Activate
    public LiveProbePreloader(@Reference(service = Object.class, target = "(launcher.arguments=*)") Map<String, Object> launcher) {
        Object args = launcher.get("launcher.arguments");
        this.live = args instanceof String[] a && Command.capturesLive(a);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(&(" + EventSource.SOURCE + "=syscall)(" + EventSource.INPUT + "=" + EventSource.INPUT_LIVE + "))")
    void addSource(EventSource source) {
        if (live) {
            source.prepare();
        }
    }

    void removeSource(EventSource source) {
        // a prepared probe goes with its source
    }
}
