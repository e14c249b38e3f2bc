package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.Version;
import org.jvirt.conf.ConfFile;
import org.jvirt.conf.ConfLoader;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class LxcSettingsTest {
    @Test
    void shippedDefaults() {
        LxcSettings s = LxcSettings.of(ConfFile.parse(ConfLoader.defaultText("lxc.conf").orElseThrow(), "lxc.conf"));
        assertThat(s.configDir()).isEqualTo(Path.of("/etc/jvirt/lxc"));
        assertThat(s.stateDir()).isEqualTo(Path.of("/run/jvirt/lxc"));
        assertThat(s.logDir()).isEqualTo(Path.of("/var/log/jvirt/lxc"));
        assertThat(s.stage2()).isEmpty();
        assertThat(s.cgroupPartition()).isEqualTo("/machine");
        assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.cgroupControllers()).isEqualTo(LxcSettings.DEFAULT_CGROUP_CONTROLLERS)
                .contains(CgroupController.CPU, CgroupController.CPUSET, CgroupController.MEMORY, CgroupController.FREEZER);
        assertThat(LxcSettings.of(ConfFile.parse("cgroup_controllers = [ \"CPU\", \"io\" ]\n", "lxc.conf"))
                .cgroupControllers()).as("as qemu.conf's").containsExactlyInAnyOrder(CgroupController.CPU,
                CgroupController.BLKIO);
    }

    @Test
    void valuesAndErrors() {
        LxcSettings s = LxcSettings.of(ConfFile.parse("state_dir = \"/tmp/r\"\nshutdown_timeout = 250\n"
                + "stage2 = \"/opt/s2\"\n", "t.conf"));
        assertThat(s.stateDir()).isEqualTo(Path.of("/tmp/r"));
        assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.stage2()).contains(Path.of("/opt/s2"));
        for (String bad : new String[] {"state_dir = \"rel\"", "shutdown_timeout = 0", "cgroup_controllers = [\"gpu\"]",
                "cgroup_partition = \"/a/../b\"", "nosuch = 1", "init_timeout = \"5\""}) {
            assertThatThrownBy(() -> LxcSettings.of(ConfFile.parse(bad + "\n", "t.conf"))).as(bad)
                    .isInstanceOfSatisfying(VirtException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX));
        }
    }

    @Test
    void kernelReleaseIsTheHypervisorVersion() {
        assertThat(LxcHost.kernelVersion("6.18.44-fc-v669\n")).isEqualTo(new Version(6, 18, 44));
        assertThat(LxcHost.kernelVersion("5.10")).isEqualTo(new Version(5, 10, 0));
        assertThat(LxcHost.kernelVersion("garbage")).isEqualTo(new Version(0, 0, 0));
    }
}
