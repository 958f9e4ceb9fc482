package org.lanner.itest.sink;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputName;
import org.lanner.api.output.OutputSink;
import org.osgi.service.component.annotations.Component;

/** An output sink that discards alerts; it exists to be hot-deployed and removed in tests. */
@Component(immediate = true)
@OutputName(output = "itest-deployed")
public final class DeployedSink implements OutputSink {

    @Override
    public void deliver(Alert alert) {
        // the test only checks that the component comes and goes
    }
}
