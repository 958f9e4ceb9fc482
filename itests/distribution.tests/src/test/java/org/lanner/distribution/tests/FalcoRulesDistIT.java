package org.lanner.distribution.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Falco 0.30.0's own default rules ({@code falco_rules.yaml} of the shared suite beside the
 * repository, never copied into it) with the standalone command: they validate, and replayed on
 * Falco's traces they give the alerts Falco gives. Their Kubernetes conditions read no value, as in
 * Falco run without {@code -k}: there is no metadata provider yet, but the {@code k8s} and
 * {@code mesos} fields exist, filter, print {@code <NA>} and check their arguments.
 */
class FalcoRulesDistIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    /** A file of the shared data; skips the test when it is not there. */
    private static Path shared(String relative) {
        Path p = Dist.shared(relative);
        Assumptions.assumeTrue(p != null, "SKIPPED: shared test data " + relative
                + " not found (Falco's suite and traces live in ../shared beside the repository; set -Dlanner.shared)");
        return p;
    }

    private Proc.Result lanner(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Dist.standalone().resolve("bin/lanner").toString());
        command.addAll(List.of(args));
        return Proc.run(tmp, TIMEOUT, command.toArray(String[]::new));
    }

    /** A replay as Falco's regression runner starts one, with the suite's falco.yaml (syslog off). */
    private Proc.Result replay(Path rules, Path capture, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", rules.toString(), "-c", shared("falco-0.30.0-suite/falco.yaml").toString(), "-e",
                capture.toString(), "-o", "json_output=False", "-o", "json_include_output_property=True", "-o",
                "json_include_tags_property=True", "-o", "priority=debug", "-v", "-o", "syslog_output.enabled=false"));
        args.addAll(List.of(extra));
        return lanner(args.toArray(String[]::new));
    }

    @Test
    void falcosDefaultRulesValidate() throws Exception {
        Proc.Result r = lanner("-V", shared("falco-0.30.0-suite/rules/falco_rules.yaml").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).as(r.all()).contains("Ok");
    }

    @Test
    void thePrivilegedContainerOfFalcosTraceIsReported() throws Exception {
        Path rules = shared("falco-0.30.0-suite/rules/falco_rules.yaml");
        Proc.Result r = replay(rules, shared("traces/falco-0.30.0/psp/privileged.scap"));
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Informational Privileged container started (")
                .contains("command=container:9dbcbd0c435f epic_cray (id=9dbcbd0c435f) image=nginx:latest)")
                // the rule says "priority: INFO", and Falco 0.30 counted it under that spelling
                .contains("Events detected: 1\n").contains("   INFO: 1\n").contains("   Launch Privileged Container: 1\n");
    }

    @Test
    void falcosTracesOfOrdinaryContainerWorkRaiseNothing() throws Exception {
        Path rules = shared("falco-0.30.0-suite/rules/falco_rules.yaml");
        // ls run as root in a container, a shell in a container writing /tmp/test: nothing the default rules report
        for (String trace : List.of("psp/run_as_user_0_container.scap", "psp/write_tmp_test.scap")) {
            Proc.Result r = replay(rules, shared("traces/falco-0.30.0/" + trace));
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).as(trace + "\n" + r.all()).contains("Events detected: 0\n");
        }
    }

    /**
     * A corpus capture (kubectl run in a container) with Falco's rules: the exception of "The docker
     * client is executed in a container" for images of kube-system ({@code k8s.ns.name="kube-system"})
     * cannot hold without a namespace, so the rule fires, as in Falco without {@code -k}.
     */
    @Test
    void aKubernetesExceptionWithoutValueDoesNotApply() throws Exception {
        Path rules = shared("falco-0.30.0-suite/rules/falco_rules.yaml");
        Path capture = Dist.root().resolve("rules/tests/captures/the-docker-client-is-executed-in-a-container.scap");
        Proc.Result r = replay(rules, capture);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Warning Docker or kubernetes client executed in container (")
                .contains("cmdline=kubectl get pods --all-namespaces").contains("   The docker client is executed in a container: 1\n");
    }

    /** Needs no shared data: a rules file of this test on a corpus capture. */
    @Test
    void k8sAndMesosFieldsFilterAndPrintNa() throws Exception {
        Path rules = Files.writeString(tmp.resolve("orchestrators.yaml"), """
                - rule: Shell in a pod outside kube-system
                  desc: a negated condition on a field without value holds
                  condition: >
                    evt.type = execve and evt.dir = < and container.id != host and proc.name = sh
                    and not k8s.ns.name in (kube-system) and not mesos.task.name exists
                  output: "%proc.name pod=%k8s.pod.name ns=%k8s.ns.name app=%k8s.pod.label.app tier=%k8s.deployment.label[tier] task=%mesos.task.name group=%marathon.group.id"
                  priority: NOTICE
                - rule: Any pod value
                  desc: a comparison with a field without value never holds, != included
                  condition: >
                    evt.type = execve and (k8s.pod.name != nginx or k8s.pod.label.app = web
                    or k8s.svc.label[app.kubernetes.io/name] exists or marathon.app.label.team = core)
                  output: "%proc.name %k8s.pod.name"
                  priority: NOTICE
                """);
        Path capture = Dist.root().resolve("rules/tests/captures/terminal-shell-in-container.scap");
        Proc.Result r = lanner("-r", rules.toString(), "-e", capture.toString(), "-o", "json_output=true", "-o", "syslog_output.enabled=false");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Notice sh pod=<NA> ns=<NA> app=<NA> tier=<NA> task=<NA> group=<NA>\"")
                .contains("\"k8s.pod.name\":null").contains("\"k8s.pod.label.app\":null").contains("\"k8s.deployment.label[tier]\":null")
                .contains("\"marathon.group.id\":null");
        assertThat(r.out()).contains("   Shell in a pod outside kube-system: 1\n").doesNotContain("Any pod value:");
    }

    @Test
    void labelFieldsNeedALabelNameAndTheListShowsBothClasses() throws Exception {
        Path rules = Files.writeString(tmp.resolve("bad.yaml"), """
                - rule: Label without name
                  desc: k8s.pod.label needs the label's name
                  condition: evt.type = execve and k8s.pod.label = web
                  output: "%proc.name"
                  priority: NOTICE
                - rule: Argument where none is taken
                  desc: k8s.ns.name takes no argument
                  condition: evt.type = execve and k8s.ns.name[x] = shop
                  output: "%proc.name"
                  priority: NOTICE
                """);
        Proc.Result r = lanner("-V", rules.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.all()).contains("field k8s.pod.label requires a label name: k8s.pod.label.NAME")
                .contains("field k8s.ns.name takes no argument").doesNotContain("Exception");

        Proc.Result list = lanner("--list", "syscall");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out()).contains("\nField Class: k8s (", "\nk8s.pod.name    ", "\nk8s.deployment.labels\n", "\nField Class: mesos (",
                "\nmesos.task.label\n", "\nmarathon.group.id\n");
    }
}
