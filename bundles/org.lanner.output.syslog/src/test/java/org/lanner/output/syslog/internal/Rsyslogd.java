package org.lanner.output.syslog.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A private rsyslogd for tests: its own configuration, its own socket in a temporary folder, and every
 * message written to a file as {@code facility|severity|programname|msg|rawmsg}. It never touches the
 * system's {@code /dev/log}.
 */
final class Rsyslogd implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/rsyslogd");

    final Path dir;
    final Path socket;
    final Path out;
    private Process process;

    Rsyslogd(Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "SKIPPED: rsyslogd is not installed (apt install rsyslog)");
        this.dir = dir;
        this.socket = dir.resolve("log.sock");
        this.out = dir.resolve("messages.log");
        Files.writeString(dir.resolve("rsyslog.conf"), """
                global(workDirectory="%1$s")
                module(load="imuxsock" SysSock.Use="off")
                input(type="imuxsock" Socket="%2$s" CreatePath="on")
                template(name="fields" type="string" string="%%syslogfacility-text%%|%%syslogseverity-text%%|%%programname%%|%%msg%%|%%rawmsg%%\\n")
                *.* action(type="omfile" file="%3$s" template="fields")
                """.formatted(dir, socket, out));
    }

    Rsyslogd start() throws IOException, InterruptedException {
        Files.deleteIfExists(socket);
        process = new ProcessBuilder(BINARY.toString(), "-n", "-f", dir.resolve("rsyslog.conf").toString(),
                "-i", dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rsyslogd exited: " + Files.readString(dir.resolve("rsyslogd.out")));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("rsyslogd did not create " + socket);
            }
            process.waitFor(10, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Waits until the daemon has written at least {@code count} messages, and returns them. */
    List<String[]> awaitMessages(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<String> lines = Files.exists(out) ? Files.readAllLines(out) : List.of();
            if (lines.size() >= count) {
                return lines.stream().map(l -> l.split("\\|", 5)).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rsyslogd wrote " + lines.size() + " messages, expected " + count + ": " + lines);
            }
            process.waitFor(10, TimeUnit.MILLISECONDS);
        }
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
