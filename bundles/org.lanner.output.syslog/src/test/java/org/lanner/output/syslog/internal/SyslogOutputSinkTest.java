package org.lanner.output.syslog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanner.api.output.Alert;
import org.lanner.api.output.OutputField;
import org.lanner.api.output.Priority;
import org.lanner.api.output.SinkStats;
import org.lanner.api.output.TargetAbsentException;
import org.lanner.output.core.FalcoFormat;
import org.lanner.output.core.FormatOptions;
import org.lanner.output.core.internal.OutputConfig;
import org.lanner.output.core.internal.OutputPublisher;
import org.lanner.test.Configs;

class SyslogOutputSinkTest {

    static final FalcoFormat TEXT = new FalcoFormat(FormatOptions.DEFAULTS, ZoneOffset.UTC);
    static final FalcoFormat JSON = new FalcoFormat(FormatOptions.DEFAULTS.withJsonOutput(true), ZoneOffset.UTC);

    @TempDir
    Path dir;
    Rsyslogd daemon;
    SyslogOutputSink sink;

    @AfterEach
    void tearDown() throws Exception {
        if (sink != null) {
            sink.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    static Alert alert(Priority p, String output) {
        return new Alert(1_000_000_000L, "rule", p, "syscall", List.of("t"), output,
                List.of(new OutputField("proc.name", "sh")), "h");
    }

    static SyslogConfig config(Path socket, String... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("socket", socket.toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Configs.of(SyslogConfig.class, m);
    }

    @Test
    void datagramIsWhatGlibcSyslogWrites() {
        Clock nov9 = Clock.fixed(Instant.parse("2026-11-09T07:05:03Z"), ZoneOffset.UTC);
        SyslogOutputSink s = new SyslogOutputSink(TEXT, config(dir.resolve("none")), nov9);
        assertThat(s.datagram(alert(Priority.WARNING, "hello"))).isEqualTo("<12>Nov  9 07:05:03 lanner: 00:00:01.000000000: Warning hello");
        SyslogOutputSink local3 = new SyslogOutputSink(TEXT, config(dir.resolve("none"), "facility", "local3", "ident", "falco"), nov9);
        assertThat(local3.datagram(alert(Priority.DEBUG, "x"))).startsWith("<159>Nov  9 07:05:03 falco: ");
    }

    @Test
    void everyPriorityArrivesWithUserFacilityAndItsSeverity() throws Exception {
        daemon = new Rsyslogd(dir).start();
        sink = new SyslogOutputSink(TEXT, config(daemon.socket));
        for (Priority p : Priority.values()) {
            sink.deliver(alert(p, "a " + p.displayName() + " alert"));
        }
        List<String[]> messages = daemon.awaitMessages(8);
        assertThat(messages).extracting(m -> m[0] + "." + m[1]).containsExactly("user.emerg", "user.alert", "user.crit",
                "user.err", "user.warning", "user.notice", "user.info", "user.debug");
        assertThat(messages).extracting(m -> m[2]).containsOnly("lanner");
        assertThat(messages.get(4)[3].trim()).isEqualTo("00:00:01.000000000: Warning a Warning alert");
        assertThat(messages.get(4)[4]).matches("<12>[A-Z][a-z]{2} [ 1-3][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} lanner: 00:00:01.000000000: Warning a Warning alert");
    }

    @Test
    void aProcessNameHoldingControlCharactersArrivesAsOneEscapedMessage() throws Exception {
        daemon = new Rsyslogd(dir).start();
        sink = new SyslogOutputSink(TEXT, config(daemon.socket));
        String name = "x\n<11>Nov  9 07:05:03 sshd: Accepted password for root\r\t\u001b[31m";
        sink.deliver(alert(Priority.WARNING, "spawned (proc.name=" + name + ")"));
        sink.deliver(alert(Priority.WARNING, "next"));
        List<String[]> messages = daemon.awaitMessages(2);
        // escaped by the sink (rsyslogd would otherwise show its own #012 for the newline)
        assertThat(messages.get(0)[3].trim()).isEqualTo("00:00:01.000000000: Warning spawned (proc.name=x\\n<11>Nov  9 "
                + "07:05:03 sshd: Accepted password for root\\r\\t\\u001b[31m)");
        assertThat(messages.get(1)[3].trim()).isEqualTo("00:00:01.000000000: Warning next");
        Clock nov9 = Clock.fixed(Instant.parse("2026-11-09T07:05:03Z"), ZoneOffset.UTC);
        assertThat(new SyslogOutputSink(TEXT, config(dir.resolve("none")), nov9).datagram(alert(Priority.WARNING, "a\nb")))
                .isEqualTo("<12>Nov  9 07:05:03 lanner: 00:00:01.000000000: Warning a\\nb");
    }

    @Test
    void jsonAlertsAndOtherFacilityAndIdent() throws Exception {
        daemon = new Rsyslogd(dir).start();
        sink = new SyslogOutputSink(JSON, config(daemon.socket, "facility", "local3", "ident", "falco"));
        sink.deliver(alert(Priority.CRITICAL, "json alert"));
        String[] m = daemon.awaitMessages(1).get(0);
        assertThat(m[0] + "." + m[1] + " " + m[2]).isEqualTo("local3.crit falco");
        assertThat(m[3].trim()).isEqualTo(JSON.format(alert(Priority.CRITICAL, "json alert")));
    }

    @Test
    void daemonRestartIsCountedThenHealed() throws Exception {
        daemon = new Rsyslogd(dir).start();
        OutputPublisher publisher = new OutputPublisher(Configs.of(OutputConfig.class, Map.of("outputs.rate", 0.0)), "h");
        try {
            sink = new SyslogOutputSink(TEXT, config(daemon.socket));
            publisher.attach("syslog", "syslog", sink);
            publisher.publish(alert(Priority.NOTICE, "before"));
            publisher.drain(20_000);
            daemon.awaitMessages(1);
            daemon.stop();
            publisher.publish(alert(Priority.NOTICE, "while down"));
            publisher.drain(20_000);
            assertThat(publisher.stats()).containsExactly(new SinkStats("syslog", 1, 1, 0, 0, 0));
            daemon.start();
            publisher.publish(alert(Priority.NOTICE, "after"));
            publisher.drain(20_000);
            assertThat(publisher.stats()).containsExactly(new SinkStats("syslog", 2, 1, 0, 0, 0));
            assertThat(daemon.awaitMessages(2)).extracting(m -> m[3].trim().replace("00:00:01.000000000: Notice ", "")).containsExactly("before", "after");
        } finally {
            publisher.close();
        }
    }

    @Test
    void aHostWithoutDaemonSkipsAlertsUntilReopenFindsOne() throws Exception {
        Rsyslogd later = new Rsyslogd(dir);
        OutputPublisher publisher = new OutputPublisher(Configs.of(OutputConfig.class, Map.of("outputs.rate", 0.0)), "h");
        try {
            sink = new SyslogOutputSink(TEXT, config(later.socket));
            assertThatThrownBy(() -> sink.deliver(alert(Priority.ERROR, "x"))).isInstanceOf(TargetAbsentException.class)
                    .hasMessage(later.socket + " does not exist");
            publisher.attach("syslog", "syslog", sink);
            publisher.publish(alert(Priority.NOTICE, "no daemon yet"));
            publisher.drain(20_000);
            assertThat(publisher.stats()).containsExactly(new SinkStats("syslog", 0, 0, 0, 0, 0, 1));

            daemon = later.start();
            publisher.reopen();
            publisher.publish(alert(Priority.NOTICE, "daemon up"));
            publisher.drain(20_000);
            assertThat(publisher.stats()).containsExactly(new SinkStats("syslog", 1, 0, 0, 0, 0, 1));
            assertThat(daemon.awaitMessages(1)).extracting(m -> m[3].trim()).containsExactly("00:00:01.000000000: Notice daemon up");
        } finally {
            publisher.close();
        }
    }

    @Test
    void badFacilityIsAClearError() {
        assertThatThrownBy(() -> new SyslogOutputSink(TEXT, config(dir, "facility", "nope")))
                .hasMessageStartingWith("syslog_output.facility: unknown facility 'nope'");
    }
}
