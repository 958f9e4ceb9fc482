package org.lanner.api.engine;

import org.osgi.annotation.versioning.ProviderType;

/** A running source. */
@ProviderType
public interface EngineRun {

    /** Waits until the source ends, fails, or the run is stopped; returns the summary. */
    RunSummary await() throws InterruptedException;

    /** Stops reading; events already read are still evaluated and their alerts delivered. */
    void stop();

    boolean isRunning();
}
