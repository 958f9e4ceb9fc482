package org.lanner.cli.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses Falco's command line the way getopt_long does for it: short options may be grouped
 * ({@code -AU}) and take their argument attached ({@code -pc}) or as the next word; long options take
 * {@code --name=value} or {@code --name value}; {@code --} ends the options. {@code --list} takes an
 * optional source, attached ({@code --list=syscall}) or, unlike getopt, as the next word when that
 * word is not an option.
 */
final class CommandLineParser {

    /** Bad command line; the message is for the user. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Short options and whether they take an argument (Falco's "hc:AbdD:e:F:ik:K:Ll:m:M:No:P:p:r:S:s:T:t:UuvV:w:"). */
    private static final String SHORT = "hc:AbdD:e:F:ik:K:Ll:m:M:No:P:p:r:S:s:T:t:UuvV:w:";

    /** Long options: name → short equivalent or the name itself; and which take an argument. */
    private static final Map<String, String> LONG = Map.ofEntries(
            Map.entry("alternate-lua-dir", "alternate-lua-dir"), Map.entry("cri", "cri"),
            Map.entry("daemon", "d"), Map.entry("disable-cri-async", "disable-cri-async"),
            Map.entry("disable-source", "disable-source"), Map.entry("help", "h"),
            Map.entry("ignored-events", "i"), Map.entry("k8s-api-cert", "K"), Map.entry("k8s-api", "k"),
            Map.entry("k8s-node", "k8s-node"), Map.entry("list", "list"), Map.entry("mesos-api", "m"),
            Map.entry("option", "o"), Map.entry("pidfile", "P"), Map.entry("print-base64", "b"),
            Map.entry("print", "p"), Map.entry("snaplen", "S"), Map.entry("stats-interval", "stats-interval"),
            Map.entry("support", "support"), Map.entry("unbuffered", "U"), Map.entry("userspace", "u"),
            Map.entry("validate", "V"), Map.entry("version", "version"), Map.entry("writefile", "w"));

    private static final Set<String> LONG_WITH_ARGUMENT = Set.of("alternate-lua-dir", "cri", "disable-source",
            "k8s-node", "stats-interval");

    private static final Set<String> SOURCES = Set.of("syscall", "k8s_audit");

    Options parse(List<String> args) throws UsageException {
        Options o = new Options();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i++);
            if (a.equals("--")) {
                if (i < args.size()) {
                    throw new UsageException("unexpected argument '" + args.get(i) + "'");
                }
                break;
            }
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                String key = LONG.get(name);
                if (key == null) {
                    throw new UsageException("unrecognized option '--" + name + "'");
                }
                if (key.equals("list")) {
                    o.listFields = true;
                    if (value != null) {
                        o.listSource = value;
                    } else if (i < args.size() && SOURCES.contains(args.get(i))) {
                        o.listSource = args.get(i++);
                    }
                    continue;
                }
                boolean needsArg = key.length() == 1 ? takesArgument(key.charAt(0)) : LONG_WITH_ARGUMENT.contains(key);
                if (needsArg && value == null) {
                    if (i >= args.size()) {
                        throw new UsageException("option '--" + name + "' requires an argument");
                    }
                    value = args.get(i++);
                } else if (!needsArg && value != null) {
                    throw new UsageException("option '--" + name + "' doesn't allow an argument");
                }
                apply(o, key, value);
                continue;
            }
            if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    int pos = SHORT.indexOf(c);
                    if (pos < 0 || c == ':') {
                        throw new UsageException("invalid option -- '" + c + "'");
                    }
                    if (takesArgument(c)) {
                        String value;
                        if (k + 1 < a.length()) {
                            value = a.substring(k + 1);
                        } else if (i < args.size()) {
                            value = args.get(i++);
                        } else {
                            throw new UsageException("option requires an argument -- '" + c + "'");
                        }
                        apply(o, String.valueOf(c), value);
                        break;
                    }
                    apply(o, String.valueOf(c), null);
                }
                continue;
            }
            throw new UsageException("unexpected argument '" + a + "'");
        }
        return o;
    }

    private static boolean takesArgument(char c) {
        int pos = SHORT.indexOf(c);
        return pos >= 0 && pos + 1 < SHORT.length() && SHORT.charAt(pos + 1) == ':';
    }

    private static void apply(Options o, String key, String value) throws UsageException {
        switch (key) {
            case "h" -> o.help = true;
            case "c" -> o.configFile = value;
            case "A" -> o.allEvents = true;
            case "b" -> o.printBase64 = true;
            case "d" -> o.daemon = true;
            case "D" -> o.disabledRules.add(value);
            case "e" -> o.eventsFile = value;
            case "F" -> {
                o.listFields = true;
                o.listSource = value;
            }
            case "i" -> o.ignoredEvents = true;
            case "k" -> o.k8sApi = value;
            case "K" -> o.k8sApiCert = value;
            case "L" -> o.describeAll = true;
            case "l" -> o.describeRule = value;
            case "m" -> o.mesosApi = value;
            case "M" -> o.durationSeconds = positive(value, "invalid duration ");
            case "N" -> o.namesOnly = true;
            case "o" -> o.overrides.add(value);
            case "P" -> o.pidFile = value;
            case "p" -> o.printFormat = value;
            case "r" -> o.rulesFiles.add(value);
            case "S" -> o.snaplen = number(value, 0, "invalid snaplen '" + value + "': a number of bytes is needed (0 keeps the default, 80)");
            case "s" -> o.statsFile = value;
            case "T" -> o.disabledTags.add(value);
            case "t" -> o.enabledTags.add(value);
            case "U" -> o.unbuffered = true;
            case "u" -> o.userspace = true;
            case "v" -> o.verbose = true;
            case "V" -> o.validateFiles.add(value);
            case "w" -> o.writeFile = value;
            case "version" -> o.version = true;
            case "support" -> o.support = true;
            case "cri" -> o.criSocket = value;
            case "disable-cri-async" -> o.disableCriAsync = true;
            case "disable-source" -> o.disabledSources.add(value);
            case "k8s-node" -> {
                if (value.isEmpty()) {
                    throw new UsageException("If --k8s-node is provided, it cannot be an empty string");
                }
                o.k8sNode = value;
            }
            case "stats-interval" -> o.statsInterval = number(value, 1,
                    "invalid stats interval '" + value + "': a number of milliseconds above 0 is needed");
            case "alternate-lua-dir" -> o.alternateLuaDir = value;
            default -> throw new UsageException("unrecognized option '" + key + "'");
        }
    }

    /** A decimal number of at least {@code min} (and at most Integer.MAX_VALUE), else {@code message}. */
    private static int number(String value, int min, String message) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException(message);
    }

    private static int positive(String value, String message) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException(message + value);
    }
}
