package org.lanner.syscall.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;

/** The field schema against Falco 0.30's: names, types, and every field its default rules use. */
class FalcoFieldsTest {

    /**
     * Every field reference in the conditions, macros and outputs of Falco 0.30.0's
     * rules/falco_rules.yaml that belongs to the syscall classes (k8s.* belongs to the k8s
     * extractor, %container.info is expanded by the output formatter).
     */
    static final List<String> DEFAULT_RULES_FIELDS = List.of("container.id", "container.image.repository",
            "container.image.tag", "container.mount.dest[/]", "container.mount.dest[/etc/kubernetes/manifests]",
            "container.mount.dest[/etc/kubernetes]", "container.mount.dest[/etc]", "container.mount.dest[/home/admin]",
            "container.mount.dest[/proc*]", "container.mount.dest[/root*]", "container.mount.dest[/var/lib/kubelet/pki]",
            "container.mount.dest[/var/lib/kubelet]", "container.mount.dest[/var/run/crio/crio.sock]",
            "container.mount.dest[/var/run/docker.sock]", "container.mounts", "container.name", "container.privileged",
            "evt.arg.fd", "evt.arg.filename", "evt.arg.flags", "evt.arg.linkpath", "evt.arg.mode", "evt.arg.name",
            "evt.arg.newpath", "evt.arg.oldpath", "evt.arg.path", "evt.arg.target", "evt.arg.uid", "evt.arg[0]",
            "evt.args", "evt.dir", "evt.is_open_exec", "evt.is_open_read", "evt.is_open_write", "evt.num", "evt.rawres",
            "evt.res", "evt.type", "evt.time", "fd.cip", "fd.cip.name", "fd.cnet", "fd.connected", "fd.directory",
            "fd.filename", "fd.ip", "fd.l4proto", "fd.lip.name", "fd.name", "fd.name_changed", "fd.net", "fd.num",
            "fd.port", "fd.rip", "fd.rip.name", "fd.rnet", "fd.rport", "fd.sip", "fd.sip.name", "fd.snet",
            "fd.sockfamily", "fd.sport", "fd.type", "fd.typechar", "proc.aname", "proc.aname[1]", "proc.aname[2]",
            "proc.aname[3]", "proc.aname[4]", "proc.aname[5]", "proc.aname[6]", "proc.aname[7]", "proc.args",
            "proc.cmdline", "proc.duration", "proc.env", "proc.name", "proc.pcmdline", "proc.pname", "proc.tty",
            "proc.vpid", "user.loginuid", "user.name", "user.uid");

    @Test
    void everyFieldOfTheDefaultRulesBinds() throws Exception {
        for (String ref : DEFAULT_RULES_FIELDS) {
            FieldAccessor a = Fields.bind(ref);
            assertThat(a).as(ref).isNotNull();
            assertThat(a.type()).as(ref).isNotNull();
        }
        // the set-valued fields compare through their members
        assertThat(Fields.bind("fd.ip").multiplicity()).isEqualTo(FieldAccessor.Multiplicity.ANY_NOT_EQUAL_NONE);
        assertThat(Fields.bind("fd.net").multiplicity()).isEqualTo(FieldAccessor.Multiplicity.ANY_NOT_EQUAL_NONE);
        assertThat(Fields.bind("proc.aname").multiplicity()).isEqualTo(FieldAccessor.Multiplicity.ANY);
        assertThat(Fields.bind("proc.aname[2]").multiplicity()).isEqualTo(FieldAccessor.Multiplicity.SINGLE);
    }

    @Test
    void namesAndTypesAreFalcos() throws Exception {
        Map<String, FieldInfo> ours = new HashMap<>();
        for (FieldExtractor x : Fields.CLASSES) {
            for (FieldInfo f : x.fields()) {
                assertThat(ours.put(f.name(), f)).as("declared twice: %s", f.name()).isNull();
            }
        }
        Map<String, String> falco = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/falco-0.30-fields.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] p = line.trim().split("\\s+");
                    falco.put(p[0], p[1]);
                }
            }
        }
        assertThat(falco).hasSizeGreaterThan(180);
        List<String> wrong = new ArrayList<>();
        falco.forEach((name, type) -> {
            FieldInfo f = ours.get(name);
            if (f == null) {
                wrong.add(name + ": missing");
            } else if (!f.type().name().equals(type)) {
                wrong.add(name + ": " + f.type() + " instead of " + type);
            }
        });
        assertThat(wrong).isEmpty();
        // the only fields beyond Falco 0.30's are sysdig's newer ones
        List<String> extra = new ArrayList<>(ours.keySet());
        extra.removeAll(falco.keySet());
        assertThat(extra).containsExactlyInAnyOrder("evt.datetime.s", "proc.is_exe_writable", "evt.source");
    }

    @Test
    void everyFieldIsDocumented() throws Exception {
        Path doc = Path.of("../../docs/fields.md");
        assertThat(doc).exists();
        String text = Files.readString(doc);
        List<String> missing = new ArrayList<>();
        for (FieldExtractor x : Fields.CLASSES) {
            for (FieldInfo f : x.fields()) {
                if (!text.contains("| `" + f.name() + "`") && !text.contains("| `" + f.name() + ".ARG")
                        && !text.contains("| `" + f.name() + "[")) {
                    missing.add(f.name());
                }
            }
        }
        assertThat(missing).as("fields missing from docs/fields.md").isEmpty();
    }

    @Test
    void flagsAndArgumentsAreFalcos() throws Exception {
        Map<String, FieldInfo> ours = new HashMap<>();
        for (FieldExtractor x : Fields.CLASSES) {
            for (FieldInfo f : x.fields()) {
                ours.put(f.name(), f);
            }
        }
        for (String f : List.of("fd.ip", "fd.port", "fd.proto", "fd.net", "fd.cnet", "fd.snet", "fd.lnet", "fd.rnet")) {
            assertThat(ours.get(f).has(FieldFlag.FILTER_ONLY)).as(f).isTrue();
        }
        assertThat(ours.get("evt.outputtime").has(FieldFlag.PRINT_ONLY)).isTrue();
        for (String f : List.of("evt.arg", "evt.rawarg", "evt.type.is", "thread.cgroup")) {
            assertThat(ours.get(f).has(FieldFlag.DOTTED_ARGUMENT)).as(f).isTrue();
        }
        for (String f : List.of("evt.count.procinfo", "thread.nametid", "evt.buflen.net.in", "thread.vmrss.b")) {
            assertThat(ours.get(f).has(FieldFlag.HIDDEN)).as(f).isTrue();
        }
        assertThatThrownBy(() -> Fields.bind("evt.arg.nosuchparam")).isInstanceOf(FieldBindException.class);
        assertThatThrownBy(() -> Fields.bind("proc.name[1]")).isInstanceOf(FieldBindException.class);
        assertThatThrownBy(() -> Fields.bind("container.mount")).isInstanceOf(FieldBindException.class);
        assertThatThrownBy(() -> Fields.bind("proc.aname[x]")).isInstanceOf(FieldBindException.class);
        assertThat(Fields.bind("evt.rawarg.res").type()).isEqualTo(FieldType.ERRNO);
        assertThat(Fields.bind("evt.rawarg.size").type()).isEqualTo(FieldType.UINT32);
    }
}
