package org.lanner.api.run;

/** Where a run is in its life. */
public enum RunState {
    /** Reading its inputs. */
    RUNNING,
    /** Its inputs ended or it was stopped: the last events are evaluated and their alerts delivered. */
    DRAINING,
    /** Ended: every input ended or the run was stopped or reached a limit, and no input failed. */
    DONE,
    /** Ended because an input failed or a monitor asked to stop ({@link RunSummary#failure()}). */
    FAILED;

    /** Whether the run has ended. */
    public boolean ended() {
        return this == DONE || this == FAILED;
    }
}
