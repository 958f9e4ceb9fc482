package org.lanner.api.output;

import java.io.IOException;

/**
 * Thrown by {@link OutputSink#deliver} when the output's target does not exist on this host (syslog
 * with no daemon listening): a property of the host, which the sink announced once when it started,
 * rather than a failure of this alert. The alert is counted as skipped at that output, not as lost,
 * and is not reported again.
 */
public class TargetAbsentException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is absent, for example {@code /dev/log does not exist} */
    public TargetAbsentException(String message) {
        super(message);
    }
}
