package org.lanner.cli.internal;

/** The text of {@code lanner --help}: Falco's flags, described in our words. */
final class Usage {

    private Usage() {
    }

    static String text(String version) {
        return """
                Lanner version: @VERSION@
                Usage: lanner [options]

                Options:
                 -h, --help                    Print this help and exit.
                 -c <file>                     Configuration file (default: etc/lanner.yaml of the installation).
                 -A                            Consider every event, including the high-volume ones ignored by default
                                               (see -i).
                 -b, --print-base64            Render data buffers (evt.buffer, evt.arg.data, evt.args…) in base64, in
                                               outputs and conditions alike; useful for binary data.
                 --cri <path>                  CRI socket for container metadata.                   (not available yet)
                 -d, --daemon                  Run as a daemon: once the configuration and rules are loaded, write the pid
                                               file (-P) and continue in the background, detached from the terminal.
                 --disable-cri-async           Fetch CRI metadata synchronously.                    (not available yet)
                 --disable-source <source>     Disable an event source (syscall, k8s_audit...). Repeatable.
                 -D <substring>                Disable the rules whose name contains <substring>. Repeatable.
                                               Not together with -t.
                 -e <events_file>              Read events from a capture file instead of capturing live.
                 -i, --ignored-events          Print the events ignored unless -A is given, and exit.
                 -k, --k8s-api <url>           Kubernetes API server for pod metadata.              (not available yet)
                 -K, --k8s-api-cert <files>    Kubernetes API credentials.                          (not available yet)
                 --k8s-node <node>             Only fetch the pods of this node.                    (not available yet)
                 -L                            Print the name and description of every rule and exit.
                 -l <rule>                     Print the name and description of one rule and exit.
                 --list [<source>]             Print every field (of one source: syscall, k8s_audit, or a plugin's)
                                               and exit.
                 -m, --mesos-api <url[,marathon_url]>
                                               Mesos and Marathon API servers.                      (not available yet)
                 -M <seconds>                  Stop after <seconds>. With -e, stop after <seconds> of capture time,
                                               then wait until <seconds> have passed, as Falco does.
                 -N                            With --list, print only the field names.
                 -o, --option <key>=<value>    Override a configuration key; dotted keys reach into sections
                                               (file_output.filename=/tmp/x), lists take [a,b] or key[0]=a.
                                               Repeatable.
                 -p, --print <format>          Append <format> to every alert's output; -pc adds the container
                                               (and replaces %container.info). -pk/-pm (Kubernetes, Mesos): not yet.
                 -P, --pidfile <file>          With -d, write the daemon's process id to <file>
                                               (default /var/run/lanner.pid).
                 -r <rules_file>               Rules file or folder; replaces rules_file of the configuration.
                                               Repeatable.
                 -s <stats_file>               Append the capture's counters (events, drops, preemptions) and their change
                                               to <stats_file>, one JSON line per interval (most useful live).
                 --stats-interval <msec>       With -s, write every <msec> milliseconds (default 5000).
                 -S, --snaplen <len>           Capture the first <len> bytes of each I/O buffer (default 80; 0 keeps the
                                               default; at most 8192 with the eBPF driver). Live capture only.
                 --support                     Print support information (versions, configuration, rules) as JSON
                                               and exit.
                 -T <tag>                      Disable the rules with tag <tag>. Repeatable. Not together with -t.
                 -t <tag>                      Enable only the rules with tag <tag>. Repeatable. Not with -T or -D.
                 -U, --unbuffered              Flush outputs after every alert (buffered_outputs: false).
                 -u, --userspace               Read events from the userspace ptrace driver.        (not available)
                 -V, --validate <rules_file>   Check a rules file and exit. Repeatable.
                 -v                            Verbose output.
                 -w, --writefile <file>        Write the captured events to a capture file.
                 --version                     Print the versions of Lanner, its engine and its bundles, and exit.

                Exit status: 0 on success, 1 on any error.
                """.replace("@VERSION@", version);
    }
}
