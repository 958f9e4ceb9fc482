package org.lanner.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineParserTest {

    private static Options parse(String... args) throws CommandLineParser.UsageException {
        return new CommandLineParser().parse(List.of(args));
    }

    @Test
    void shortOptionsTakeTheirArgumentAttachedOrNext() throws Exception {
        Options o = parse("-r", "a.yaml", "-rb.yaml", "-c", "x.yaml", "-e", "f.scap", "-M", "10", "-pc", "-o", "json_output=true",
                "-ofile_output.enabled=true", "-D", "shell", "-T", "network", "-V", "v.yaml", "-w", "out.scap", "-l", "Some rule");
        assertThat(o.rulesFiles).containsExactly("a.yaml", "b.yaml");
        assertThat(o.configFile).isEqualTo("x.yaml");
        assertThat(o.eventsFile).isEqualTo("f.scap");
        assertThat(o.durationSeconds).isEqualTo(10);
        assertThat(o.printFormat).isEqualTo("c");
        assertThat(o.overrides).containsExactly("json_output=true", "file_output.enabled=true");
        assertThat(o.disabledRules).containsExactly("shell");
        assertThat(o.disabledTags).containsExactly("network");
        assertThat(o.validateFiles).containsExactly("v.yaml");
        assertThat(o.writeFile).isEqualTo("out.scap");
        assertThat(o.describeRule).isEqualTo("Some rule");
    }

    @Test
    void flagsGroupAndLongOptionsTakeEqualsOrNext() throws Exception {
        Options o = parse("-AUvNL", "--option=a=b", "--option", "c=d", "--validate", "x.yaml", "--unbuffered", "--version", "--support",
                "--k8s-node", "node1");
        assertThat(o.allEvents && o.unbuffered && o.verbose && o.namesOnly && o.describeAll && o.version && o.support).isTrue();
        assertThat(o.overrides).containsExactly("a=b", "c=d");
        assertThat(o.validateFiles).containsExactly("x.yaml");
        assertThat(o.k8sNode).isEqualTo("node1");
    }

    @Test
    void listTakesAnOptionalSource() throws Exception {
        assertThat(parse("--list").listSource).isEmpty();
        assertThat(parse("--list=syscall").listSource).isEqualTo("syscall");
        assertThat(parse("--list", "k8s_audit").listSource).isEqualTo("k8s_audit");
        Options o = parse("--list", "-N");
        assertThat(o.listFields && o.namesOnly).isTrue();
    }

    @Test
    void mistakesAreReportedLikeGetopt() {
        assertThatThrownBy(() -> parse("--bogus")).hasMessage("unrecognized option '--bogus'");
        assertThatThrownBy(() -> parse("-Z")).hasMessage("invalid option -- 'Z'");
        assertThatThrownBy(() -> parse("-r")).hasMessage("option requires an argument -- 'r'");
        assertThatThrownBy(() -> parse("--validate")).hasMessage("option '--validate' requires an argument");
        assertThatThrownBy(() -> parse("--version=2")).hasMessage("option '--version' doesn't allow an argument");
        assertThatThrownBy(() -> parse("-M", "0")).hasMessage("invalid duration 0");
        assertThatThrownBy(() -> parse("-M", "ten")).hasMessage("invalid duration ten");
        assertThatThrownBy(() -> parse("stray")).hasMessage("unexpected argument 'stray'");
        assertThatThrownBy(() -> parse("--k8s-node", "")).hasMessageContaining("cannot be an empty string");
    }

    @Test
    void statisticsSnaplenDaemonAndBase64Flags() throws Exception {
        Options o = parse("-s", "stats.json", "--stats-interval", "250", "-S", "1024", "-b", "-d", "-P", "/run/l.pid");
        assertThat(o.statsFile).isEqualTo("stats.json");
        assertThat(o.statsInterval).isEqualTo(250);
        assertThat(o.snaplen).isEqualTo(1024);
        assertThat(o.printBase64 && o.daemon).isTrue();
        assertThat(o.pidFile).isEqualTo("/run/l.pid");
        Options longForms = parse("--stats-interval=1000", "--snaplen=0", "--print-base64", "--daemon", "--pidfile=x.pid", "-bdS80");
        assertThat(longForms.statsInterval).isEqualTo(1000);
        assertThat(longForms.snaplen).as("the last one wins, as getopt").isEqualTo(80);
        assertThat(longForms.printBase64 && longForms.daemon).isTrue();
        assertThat(longForms.pidFile).isEqualTo("x.pid");
        assertThat(parse("-S", "0").snaplen).as("0: Falco's default").isZero();
    }

    @Test
    void badNumbersForStatisticsAndSnaplenAreNamed() {
        assertThatThrownBy(() -> parse("-S", "big")).hasMessage("invalid snaplen 'big': a number of bytes is needed (0 keeps the default, 80)");
        assertThatThrownBy(() -> parse("--snaplen", "-5")).hasMessageStartingWith("invalid snaplen '-5'");
        assertThatThrownBy(() -> parse("-S", "99999999999")).hasMessageStartingWith("invalid snaplen '99999999999'");
        assertThatThrownBy(() -> parse("--stats-interval", "0"))
                .hasMessage("invalid stats interval '0': a number of milliseconds above 0 is needed");
        assertThatThrownBy(() -> parse("--stats-interval=5s")).hasMessageStartingWith("invalid stats interval '5s'");
    }

    @Test
    void usageNamesEveryFlagAndFormatsWithPercentSigns() {
        String text = Usage.text("1.2.3");
        assertThat(text).startsWith("Lanner version: 1.2.3\n").contains("%container.info");
        for (String working : List.of("-b, --print-base64", "-d, --daemon", "-P, --pidfile", "-s <stats_file>", "--stats-interval",
                "-S, --snaplen")) {
            assertThat(text.lines().filter(l -> l.contains(working))).as(working + " works now").noneMatch(l -> l.contains("not available"));
        }
        for (String flag : List.of("-h, --help", "-c <file>", "-A ", "-D <substring>", "-e <events_file>", "-L ", "-l <rule>", "--list",
                "-M <seconds>", "-N ", "-o, --option", "-p, --print", "-r <rules_file>", "-T <tag>", "-t <tag>", "-U, --unbuffered",
                "-V, --validate", "-v ", "-w, --writefile", "--version", "--support", "-k, --k8s-api", "--k8s-node", "-b, --print-base64",
                "-d, --daemon", "-P, --pidfile <file>", "-s <stats_file>", "--stats-interval <msec>", "-S, --snaplen <len>")) {
            assertThat(text).contains(flag);
        }
    }
}
