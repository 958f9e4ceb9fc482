package org.lanner.output.core.internal;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputName;
import org.lanner.api.output.OutputSink;
import org.lanner.output.core.AlertFormatter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code stdout_output}: one line per alert on the process's standard output (file descriptor 1,
 * whatever {@code System.out} has been redirected to), buffered; the publisher flushes it.
 */
@Component(service = OutputSink.class, configurationPid = StdoutConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StdoutConfig.class)
@OutputName(output = "stdout")
public final class StdoutOutputSink implements OutputSink {

    private final AlertFormatter formatter;
    private final OutputStream out;

    @Activate
    public StdoutOutputSink(@Reference AlertFormatter formatter, StdoutConfig config) {
        this(formatter, new FileOutputStream(FileDescriptor.out));
    }

    /** For tests and embedding: print to {@code out}. */
    public StdoutOutputSink(AlertFormatter formatter, OutputStream out) {
        this.formatter = formatter;
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        String line = formatter.format(alert);
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Deactivate
    void deactivate() throws IOException {
        out.flush();
    }
}
