package org.jvirt.state;

import org.jvirt.xml.DomainStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.conf.ConfFile;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.xml.DomainXml;
import org.jvirt.xml.StatusXml;

class StoresTest {
    private static final DomainXml XML = new DomainXml();
    @TempDir
    Path tmp;

    private static final String VM = """
            <domain type='kvm'>
              <name>%s</name>
              <uuid>5e69c49b-0c58-4c3e-9d4a-0f5cbd0d5a11</uuid>
              <memory unit='KiB'>1048576</memory>
              <vcpu placement='static' current='2'>4</vcpu>
              <cputune>
                <vcpupin vcpu='0' cpuset='1'/>
              </cputune>
              <os>
                <type arch='x86_64' machine='pc'>hvm</type>
              </os>
            </domain>
            """;

    private static DomainDef def(String name) {
        return XML.read(VM.formatted(name)).def();
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void configStoreSavesAtomicallyAndLoadsPastBrokenFiles() throws Exception {
        ConfigStore store = new ConfigStore(tmp.resolve("etc/qemu"));
        store.save("a", XML.write(def("a")));
        store.save("b c", XML.write(def("b c")));
        assertThat(mode(store.fileOf("a"))).isEqualTo("rw-------");
        assertThat(mode(store.dir())).isEqualTo("rwx------");
        Files.writeString(store.dir().resolve("broken.xml"), "<domain><name>broken");
        Files.writeString(store.dir().resolve("wrong.xml"), XML.write(def("other")));
        Files.writeString(store.dir().resolve(".a.xml.tmp123"), "partial");
        // a name that ends like a status file is an ordinary definition (status files live in the run dir)
        store.save("web.status", XML.write(def("web.status")));
        ConfigStore.Loaded loaded = store.loadAll(xml -> XML.read(xml).def());
        assertThat(loaded.defs()).extracting(DomainDef::name).containsExactly("a", "b c", "web.status");
        assertThat(loaded.broken()).extracting(f -> f.file().getFileName().toString()).containsExactly("broken.xml", "wrong.xml");
        assertThat(loaded.broken().get(1).problem()).contains("holds domain 'other'");
        assertThat(loaded.defs().get(0)).isEqualTo(def("a"));
        assertThat(store.read("a")).isPresent();
        assertThat(store.delete("a")).isTrue();
        assertThat(store.delete("a")).isFalse();
        assertThat(store.read("a")).isEmpty();
        try (var s = Files.list(store.dir())) {
            assertThat(s.filter(p -> p.getFileName().toString().contains(".tmp") && !p.endsWith(".a.xml.tmp123"))).isEmpty();
        }
    }

    @Test
    void statusRoundTrip() throws Exception {
        StatusStore store = new StatusStore(tmp.resolve("run/qemu"));
        DomainStatus s = new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 7, def("vm"), 4242, 987654321L,
                Optional.of(CpuSet.of(0, 1)), Map.of("qmp.socket", "/run/jvirt/qemu/vm.qmp", "vcpu.0.tid", "4250",
                        "cgroup", "/machine/qemu-7-vm.jvirt-qemu", "quote", "a'b\"<&>"));
        store.save(s);
        assertThat(mode(store.fileOf("vm"))).isEqualTo("rw-------");
        assertThat(mode(tmp.resolve("run/qemu"))).isEqualTo("rwx------");
        String text = Files.readString(store.fileOf("vm"));
        assertThat(text).startsWith("<domstatus state='running' reason='booted' id='7' pid='4242' starttime='987654321'>")
                .contains("<numad nodeset='0-1'/>", "<domain type='kvm' id='7'>");
        DomainStatus back = store.load("vm").orElseThrow();
        assertThat(back).isEqualTo(s);
        assertThat(back.attribute("quote")).contains("a'b\"<&>");
        DomainStatus paused = back.withState(DomainState.PAUSED, StateReason.USER).withAttribute("x", "y");
        store.save(paused);
        assertThat(store.load("vm")).contains(paused);
        assertThat(store.load("none")).isEmpty();
        assertThat(store.loadAll().statuses()).containsExactly(paused);
        assertThat(store.delete("vm")).isTrue();
        assertThat(store.loadAll().statuses()).isEmpty();
    }

    @Test
    void brokenStatusIsReportedWithItsFile() throws Exception {
        StatusStore store = new StatusStore(tmp);
        store.save(new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 1, def("ok"), 1, 1, Optional.empty(), Map.of()));
        Files.writeString(tmp.resolve("bad.status.xml"), "<domstatus state='sleeping' reason='booted' id='1' pid='1' starttime='1'/>");
        Files.writeString(tmp.resolve("nodomain.status.xml"), "<domstatus state='running' reason='booted' id='1' pid='1' starttime='1'/>");
        StatusStore.Loaded all = store.loadAll();
        assertThat(all.statuses()).extracting(DomainStatus::name).containsExactly("ok");
        assertThat(all.broken()).hasSize(2);
        assertThat(all.broken().get(0).problem()).isEqualTo("status: <domstatus state='sleeping'> is not a known state");
        assertThatThrownBy(() -> store.load("nodomain")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR))
                .hasMessage(tmp.resolve("nodomain.status.xml") + ": status: <domstatus> has no <domain>");
        assertThatThrownBy(() -> new StatusXml().read("<domstatus state='running' reason='booted' id='1' pid='-3' starttime='1'/>"))
                .hasMessageContaining("pid='-3'> is out of range");
        assertThatThrownBy(() -> new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 1, def("x"), 1, 1,
                Optional.empty(), Map.of("k", "line\nbreak"))).hasMessageContaining("control character U+000A");
    }

    @Test
    void stateDirs() {
        assertThat(StateDirs.system("qemu")).isEqualTo(new StateDirs(Path.of("/etc/jvirt/qemu"), Path.of("/run/jvirt/qemu"),
                Path.of("/var/log/jvirt/qemu")));
        ConfFile conf = ConfFile.parse("state_dir = \"/tmp/run\"\nlog_dir = \"/tmp/log\"\n", "qemu.conf");
        StateDirs d = StateDirs.fromConf("qemu", conf);
        assertThat(d).isEqualTo(new StateDirs(Path.of("/etc/jvirt/qemu"), Path.of("/tmp/run"), Path.of("/tmp/log")));
        assertThatThrownBy(() -> StateDirs.fromConf("qemu", ConfFile.parse("log_dir = \"rel\"\n", "qemu.conf")))
                .hasMessage("qemu.conf: log_dir 'rel' must be an absolute path");
        assertThatThrownBy(() -> StateDirs.fromConf("qemu", ConfFile.parse(
                "config_dir = \"/srv/jvirt\"\nstate_dir = \"/srv/jvirt/\"\n", "qemu.conf")))
                .hasMessage("qemu.conf: config_dir and state_dir must be different directories (both are /srv/jvirt)");
    }

    /** A driver name is {@code [a-z][a-z0-9]*}, checked by hand: every name up to 3 characters against the pattern. */
    @Test
    void aDriverNameIsItsPattern() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("[a-z][a-z0-9]*");
        List<String> names = new ArrayList<>(List.of(""));
        for (int length = 1, from = 0; length <= 3; length++) {
            int to = names.size();
            for (int i = from; i < to; i++) {
                for (char c : "az09AZ_./-\u00e9".toCharArray()) {
                    names.add(names.get(i) + c);
                }
            }
            from = to;
        }
        assertThat(names).hasSize(1 + 11 + 121 + 1331)
                .allSatisfy(n -> assertThat(StateDirs.isDriverName(n)).as("'%s'", n).isEqualTo(pattern.matcher(n).matches()));
        assertThatThrownBy(() -> StateDirs.system("../etc")).isInstanceOf(VirtException.class)
                .hasMessageContaining("invalid driver name '../etc'");
        assertThatThrownBy(() -> StateDirs.system(null)).isInstanceOf(VirtException.class);
    }

    @Test
    void aNameOfManyNonAsciiCharactersIsSavedAndLoadedInBothStores() throws Exception {
        String name = "\u00e9".repeat(200);   // 400 bytes of UTF-8: its file names are cut and hashed
        ConfigStore configs = new ConfigStore(tmp.resolve("etc/qemu"));
        configs.save(name, XML.write(def(name)));
        assertThat(configs.fileOf(name).getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(255);
        assertThat(configs.loadAll(xml -> XML.read(xml).def()).defs()).extracting(DomainDef::name).containsExactly(name);
        StatusStore statuses = new StatusStore(tmp.resolve("run/qemu"));
        statuses.save(new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 1, def(name), 4242, 77, Optional.empty(),
                Map.of()));
        assertThat(statuses.loadAll().statuses()).hasSize(1);
    }
}
