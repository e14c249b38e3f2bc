package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.jvirt.conf.ConfFile;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.RecordingSignaller;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupBackends;
import org.jvirt.linux.cgroup.CgroupMounts;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.FakeCgroupTree;

class QemuSettingsTest {
    private static QemuSettings settings(String text) {
        return QemuSettings.from(ConfFile.parse(text, "qemu.conf"));
    }

    @Test
    void withoutCgroupControllersTheDocumentedListIsUsedAndTheFreezerIsNotInIt() {
        assertThat(settings("").cgroupControllers())
                .isEqualTo(QemuSettings.DEFAULT_CGROUP_CONTROLLERS)
                .containsExactlyInAnyOrder(CgroupController.CPU, CgroupController.CPUACCT, CgroupController.CPUSET, CgroupController.MEMORY,
                        CgroupController.DEVICES, CgroupController.BLKIO, CgroupController.PIDS);
    }

    @Test
    void cgroupControllersNamesExactlyTheControllersUsed() {
        assertThat(settings("cgroup_controllers = [ \"cpuset\", \"FREEZER\", \"io\" ]\n").cgroupControllers())
                .containsExactlyInAnyOrder(CgroupController.CPUSET, CgroupController.FREEZER, CgroupController.BLKIO);
        assertThatThrownBy(() -> settings("cgroup_controllers = [ \"gpu\" ]\n"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX))
                .hasMessageContaining("cgroup_controllers: unknown controller 'gpu'");
    }

    @Test
    void theDefaultLeavesAFreezerHierarchyOfTheHostAlone(@TempDir Path root) {
        FakeCgroupTree.hybrid(root);
        CgroupBackend b = CgroupBackends.open(CgroupMounts.detect(root), settings("").cgroupControllers(),
                EnumSet.of(CgroupController.CPUSET), new RecordingSignaller(), new FakeTicker());
        assertThat(b.controllers()).doesNotContain(CgroupController.FREEZER)
                .contains(CgroupController.CPU, CgroupController.CPUSET, CgroupController.MEMORY, CgroupController.DEVICES, CgroupController.PIDS);
        assertThat(b.procsFiles(Cgroup.of("/machine/vm"))).noneMatch(f -> f.toString().contains("freezer"));
    }
}
