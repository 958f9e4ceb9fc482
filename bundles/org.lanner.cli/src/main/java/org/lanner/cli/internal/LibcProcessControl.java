package org.lanner.cli.internal;

import java.io.IOException;
import java.util.OptionalLong;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * {@link ProcessControl} through JNA to libc (Linux). The launcher names itself with the system
 * property {@value #LAUNCHER}, which is trusted only when it is this JVM's parent (or grandparent,
 * for a {@code java} that is itself a wrapper script). Called from the command's main thread.
 */
final class LibcProcessControl implements ProcessControl {

    /** System property set by {@code bin/lanner} when it starts the JVM in the background for {@code -d}: its own pid. */
    static final String LAUNCHER = "lanner.daemon.launcher";

    /** The libc calls used; JNA throws {@link LastErrorException} with errno when one returns -1. */
    interface LibC extends Library {
        int setsid() throws LastErrorException;

        int umask(int mask);

        int open(String path, int flags) throws LastErrorException;

        int dup2(int from, int to) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int kill(int pid, int signal) throws LastErrorException;

        /** {@code signal(2)}; the handler as a number (SIG_DFL is 0). */
        long signal(int signal, long handler) throws LastErrorException;

        String strerror(int errnum);
    }

    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int SIGINT = 2;
    private static final int SIGUSR1 = 10;
    private static final long SIG_DFL = 0;

    private volatile LibC libc;

    private LibC libc() {
        LibC l = libc;
        if (l == null) {
            l = Native.load("c", LibC.class);
            libc = l;
        }
        return l;
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public OptionalLong daemonLauncher() {
        String value = System.getProperty(LAUNCHER);
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        long launcher;
        try {
            launcher = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        ProcessHandle p = ProcessHandle.current();
        for (int depth = 0; depth < 2; depth++) {
            p = p.parent().orElse(null);
            if (p == null) {
                break;
            }
            if (p.pid() == launcher) {
                return OptionalLong.of(launcher);
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public void allowInterrupt() {
        try {
            libc().signal(SIGINT, SIG_DFL);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            // SIGINT stays as it was; SIGTERM still stops the daemon
        }
    }

    @Override
    public void detach(long launcher) throws IOException {
        LibC c;
        try {
            c = libc();
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("libc is not reachable through JNA (" + e.getMessage() + ")", e);
        }
        try {
            c.setsid();
        } catch (LastErrorException e) {
            throw new IOException("Could not set session id: " + c.strerror(e.getErrorCode()), e);
        }
        c.umask(027);
        System.out.flush();
        System.err.flush();
        try {
            int in = c.open("/dev/null", O_RDONLY);
            int out = c.open("/dev/null", O_RDWR);
            c.dup2(in, 0);
            c.dup2(out, 1);
            c.dup2(out, 2);
            c.close(in);
            c.close(out);
        } catch (LastErrorException e) {
            throw new IOException("Could not put /dev/null on the standard streams: " + c.strerror(e.getErrorCode()), e);
        }
        try {
            c.kill((int) launcher, SIGUSR1);
        } catch (LastErrorException e) {
            // the launcher is gone (killed while it waited): nobody to tell, the daemon runs on
        }
    }
}
