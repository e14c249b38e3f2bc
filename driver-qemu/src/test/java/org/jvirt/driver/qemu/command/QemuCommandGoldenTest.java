package org.jvirt.driver.qemu.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.jvirt.driver.qemu.TestCaps;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.xml.DomainXml;

/**
 * argv golden files: {@code argv/CASE.xml} gives {@code argv/CASE.args}, one argv element per
 * line. Run with {@code -Djvirt.golden.update=true} to rewrite the .args files (then review them).
 */
class QemuCommandGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/argv");

    static DomainDef parse(String file) throws IOException {
        return new DomainXml().read(Files.readString(DIR.resolve(file))).def();
    }

    static QemuPaths paths(DomainDef def) {
        return QemuPaths.inRunDir(Path.of("/run/jvirt/qemu"), def.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "spec-q2", "commas-tcg", "numa-iothreads", "disks-boot", "hotplug-q35"})
    void matchesGolden(String name) throws IOException {
        DomainDef def = parse(name + ".xml");
        List<String> argv = QemuCommand.argv(def, TestCaps.qemu72(), paths(def),
                new CommandOptions(false, Optional.of(CpuSet.of(0)), true));
        String actual = String.join("\n", argv) + "\n";
        Path golden = DIR.resolve(name + ".args");
        if (Boolean.getBoolean("jvirt.golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }

    @Test
    void setProcessNameAddsProcessAndNoPidfileWithoutDaemon() throws IOException {
        DomainDef def = parse("commas-tcg.xml");
        List<String> argv = QemuCommand.argv(def, TestCaps.qemu72(),
                new QemuPaths(Path.of("/r/m,s.sock"), Optional.of(Path.of("/r/j,s.sock")), Optional.empty()),
                new CommandOptions(true, Optional.empty(), false));
        assertThat(argv).containsSequence("-name", "guest=jvit-a,,b,debug-threads=on,process=qemu:jvit-a,,b");
        assertThat(argv).contains("socket,id=charmonitor,path=/r/m,,s.sock,server=on,wait=off");
        assertThat(argv).doesNotContain("-daemonize", "-pidfile", "-sandbox");
    }

    @Test
    void unknownMachineAndUnsupportedDevicesAreRefused() throws IOException {
        DomainDef def = parse("minimal.xml");
        DomainDef bad = def.toBuilder().os(def.os().withBootDevices(List.of())).type("xen").build();
        assertThatThrownBy(() -> QemuCommand.argv(bad, TestCaps.qemu72(), paths(bad)))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("'xen'", "kvm or qemu");
                });
        String xml = Files.readString(DIR.resolve("minimal.xml")).replace("machine='pc'", "machine='virt'");
        DomainDef virt = new DomainXml().read(xml).def();
        assertThatThrownBy(() -> QemuCommand.argv(virt, TestCaps.qemu72(), paths(virt)))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage())
                        .contains("'virt' is not a machine type", "pc-i440fx-7.2"));
        String ide = Files.readString(DIR.resolve("hotplug-q35.xml")).replace("bus='sata'", "bus='ide'");
        DomainDef q35ide = new DomainXml().read(ide).def();
        assertThatThrownBy(() -> QemuCommand.argv(q35ide, TestCaps.qemu72(), paths(q35ide)))
                .hasMessageContaining("q35 machines have no IDE bus");
    }
}
