package org.lanner.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.lanner.common.JsonStrings;

/** {@code --support}: versions, system, command line, configuration and rules files as one JSON object. */
final class SupportInfo {

    private SupportInfo() {
    }

    static String json(Environment env, Path config, List<Path> rules, List<String> commandLine) {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "version", env.lannerVersion()).append(',');
        sb.append("\"system_info\":{");
        field(sb, "sysname", System.getProperty("os.name")).append(',');
        field(sb, "nodename", hostname()).append(',');
        field(sb, "release", System.getProperty("os.version")).append(',');
        field(sb, "machine", System.getProperty("os.arch")).append("},");
        field(sb, "cmdline", "lanner " + String.join(" ", commandLine)).append(',');
        sb.append("\"engine_info\":{\"engine_version\":").append(env.engine().engineVersion()).append("},");
        field(sb, "config", read(config)).append(',');
        sb.append("\"rules_files\":[");
        for (int i = 0; i < rules.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('{');
            field(sb, "name", rules.get(i).toString()).append(',');
            sb.append("\"variants\":[{");
            field(sb, "content", read(rules.get(i))).append("}]}");
        }
        return sb.append("]}").toString();
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(Path p) {
        try {
            if (Files.isDirectory(p)) {
                return "(directory)";
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        quote(sb, name).append(':');
        return quote(sb, value == null ? "" : value);
    }

    static StringBuilder quote(StringBuilder sb, String s) {
        return JsonStrings.quoteLower(s, sb);
    }
}
