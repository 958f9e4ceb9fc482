package org.lanner.output.syslog.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputName;
import org.lanner.api.output.OutputSink;
import org.lanner.api.output.TargetAbsentException;
import org.lanner.output.core.AlertFormatter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code syslog_output}: Falco calls {@code syslog(priority, "%s", message)} without {@code openlog},
 * so its messages have the facility {@code LOG_USER}, the rule's priority as severity
 * ({@code emergency} 0 .. {@code debug} 7) and no trailing newline. This sink writes the same
 * datagram glibc's {@code syslog(3)} writes ({@code <PRI>Mmm dd hh:mm:ss ident: message}) to the
 * daemon's socket itself, through JNA: Java has no unix datagram sockets, and {@code syslog(3)} can
 * only talk to {@code /dev/log}. Unlike {@code syslog(3)}, a message the daemon did not take is
 * reported (and counted by the publisher) instead of vanishing.
 *
 * <p>A host with no syslog daemon ({@code /dev/log} does not exist) is announced once, when the
 * output starts; its alerts are then counted as skipped rather than lost, and SIGUSR1 (reopen) looks
 * for the daemon again. A daemon that goes away later makes deliveries fail, counted as lost.
 */
@Component(service = OutputSink.class, configurationPid = SyslogConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SyslogConfig.class)
@OutputName(output = "syslog")
public final class SyslogOutputSink implements OutputSink {

    private static final Logger LOG = System.getLogger(SyslogOutputSink.class.getName());

    /** glibc's {@code "%h %e %T"} in the C locale. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private final AlertFormatter formatter;
    private final int facility;
    private final String ident;
    private final UnixDatagram socket;
    private final Clock clock;
    private final Path socketPath;
    private volatile boolean absent;

    @Activate
    public SyslogOutputSink(@Reference AlertFormatter formatter, SyslogConfig config) {
        this(formatter, config, Clock.systemDefaultZone());
    }

    SyslogOutputSink(AlertFormatter formatter, SyslogConfig config, Clock clock) {
        this.formatter = formatter;
        this.facility = Facility.parse(config.facility());
        this.ident = config.ident() == null ? "" : config.ident();
        this.socket = new UnixDatagram(config.socket());
        this.clock = clock;
        this.socketPath = Path.of(config.socket());
        this.absent = !Files.exists(socketPath);
        if (absent) {
            LOG.log(Level.WARNING, "syslog_output: " + socketPath + " does not exist: no syslog daemon on this host, "
                    + "so alerts are not sent to syslog (start one and send SIGUSR1, or set syslog_output.enabled: false)");
        }
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        if (absent) {
            throw new TargetAbsentException(socketPath + " does not exist");
        }
        socket.send(datagram(alert).getBytes(StandardCharsets.UTF_8));
    }

    /** The datagram for one alert, as glibc 2.36's {@code syslog(3)} builds it. */
    String datagram(Alert alert) {
        int pri = facility | alert.priority().syslogSeverity();
        return "<" + pri + ">" + STAMP.format(ZonedDateTime.now(clock)) + " " + ident + ": " + formatter.format(alert);
    }

    /** Reconnects on the next alert (the daemon may have been restarted), and looks again for an absent daemon. */
    @Override
    public void reopen() {
        socket.close();
        if (absent && Files.exists(socketPath)) {
            absent = false;
            LOG.log(Level.INFO, "syslog_output: " + socketPath + " now exists; alerts are sent to syslog");
        }
    }

    @Deactivate
    public void close() {
        socket.close();
    }
}
