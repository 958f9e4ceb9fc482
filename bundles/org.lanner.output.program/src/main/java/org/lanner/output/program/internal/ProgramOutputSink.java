package org.lanner.output.program.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

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
 * {@code program_output}: Falco's {@code popen(program, "w")}. The command runs under
 * {@code /bin/sh -c} with this process's standard output and error. With {@code keep_alive} it is
 * started once and every alert is a line on its standard input; a program that exited is started
 * again for the next alert. Without it, the program is started for every alert, gets one line,
 * its input is closed and it is waited for ({@code pclose}), so a program that never ends blocks
 * this sink (and only this sink: the publisher reports it after {@code output_timeout}). Called from
 * the publisher's single thread for this sink; {@link #close()} may come from another.
 */
@Component(service = OutputSink.class, configurationPid = ProgramConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ProgramConfig.class)
@OutputName(output = "program")
public final class ProgramOutputSink implements OutputSink {

    private static final Logger LOG = System.getLogger("org.lanner.output");

    private final AlertFormatter formatter;
    private final String program;
    private final boolean keepAlive;
    private volatile Process process;
    private OutputStream in;
    private volatile boolean closed;
    /** True while the sink's thread is inside deliver or flush. */
    private volatile boolean busy;

    @Activate
    public ProgramOutputSink(@Reference AlertFormatter formatter, ProgramConfig config) {
        if (config.program() == null || config.program().isBlank()) {
            throw new IllegalArgumentException("program_output.program: program output enabled but no program given");
        }
        this.formatter = formatter;
        this.program = config.program();
        this.keepAlive = config.keep__alive();
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        busy = true;
        try {
            deliverLine(alert);
        } finally {
            busy = false;
        }
    }

    private void deliverLine(Alert alert) throws IOException {
        byte[] line = (formatter.format(alert) + "\n").getBytes(StandardCharsets.UTF_8);
        if (closed) {
            throw new IOException("program output is closed");
        }
        if (process != null && !process.isAlive()) {
            LOG.log(Level.WARNING, "program output: '" + program + "' exited with status " + process.exitValue()
                    + "; starting it again");
            endQuietly();
        }
        if (process == null) {
            start();
        }
        try {
            in.write(line);
            if (!keepAlive) {
                in.close();
                int status = process.waitFor();
                process = null;
                in = null;
                if (status != 0) {
                    throw new IOException("'" + program + "' exited with status " + status);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endQuietly();
            throw new InterruptedIOException("interrupted while waiting for '" + program + "'");
        } catch (IOException e) {
            endQuietly();
            throw new IOException("'" + program + "': " + e.getMessage(), e);
        }
    }

    private void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", program)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        process = p;
        in = keepAlive ? new BufferedOutputStream(p.getOutputStream(), 1 << 16) : p.getOutputStream();
        if (closed) {
            kill(p, true);
        }
    }

    @Override
    public void flush() throws IOException {
        OutputStream in = this.in;
        if (in != null) {
            busy = true;
            try {
                in.flush();
            } catch (IOException e) {
                endQuietly();
                throw new IOException("'" + program + "': " + e.getMessage(), e);
            } finally {
                busy = false;
            }
        }
    }

    /** Closes the program's input, waits for it (bounded) and starts it again on the next alert. */
    @Override
    public void reopen() throws IOException {
        end(5, TimeUnit.SECONDS);
    }

    private void end(long wait, TimeUnit unit) {
        Process p = process;
        OutputStream o = in;
        process = null;
        in = null;
        if (p == null) {
            return;
        }
        try {
            if (o != null) {
                o.close();
            }
        } catch (IOException e) {
            // the program is gone already; nothing was buffered for it that could still arrive
        }
        try {
            if (!p.waitFor(wait, unit)) {
                LOG.log(Level.WARNING, "program output: '" + program + "' did not exit after its input was closed; killing it");
                kill(p, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p, true);
        }
    }

    private void endQuietly() {
        Process p = process;
        process = null;
        in = null;
        if (p != null) {
            kill(p, true);
        }
    }

    /**
     * Ends the shell and everything it started: a pipeline's commands are its children and would
     * otherwise keep the pipe open (and this sink blocked) after the shell is gone.
     */
    private static void kill(Process p, boolean forcibly) {
        p.descendants().forEach(h -> {
            if (forcibly) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        });
        if (forcibly) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
    }

    /** True while a started program is alive (tests). */
    boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * Stops the program. When the sink's thread is idle, its input is closed (what is buffered goes
     * out) and it gets 2 seconds to exit; when that thread is stuck writing to or waiting for it, it
     * is terminated, which unblocks the thread. Either way it is killed if it does not exit.
     */
    @Deactivate
    public void close() {
        closed = true;
        Process p = process;
        if (p == null) {
            return;
        }
        if (!busy) {
            end(2, TimeUnit.SECONDS);
            return;
        }
        kill(p, false);
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                kill(p, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p, true);
        }
    }
}
