package org.jvirt.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.RecordingSignaller;

class CgroupMountsTest {
    @TempDir
    Path tmp;

    @Test
    void hybridHostUsesV1() {
        FakeCgroupTree t = FakeCgroupTree.hybrid(tmp);
        CgroupMounts m = CgroupMounts.detect(tmp);
        assertThat(m.mode()).isEqualTo(CgroupMode.HYBRID);
        assertThat(m.mode().backendVersion()).isEqualTo(CgroupVersion.V1);
        assertThat(m.v1()).containsEntry(CgroupController.CPUSET, t.cgroupRoot().resolve("cpuset"))
                .containsEntry(CgroupController.CPU, t.cgroupRoot().resolve("cpu"))
                .containsEntry(CgroupController.PIDS, t.cgroupRoot().resolve("pids"))
                .hasSize(8);
        assertThat(m.unified()).contains(t.cgroupRoot().resolve("unified"));
        assertThat(m.unifiedControllers()).isEmpty();
        CgroupBackend b = open(m, Set.of(), Set.of(CgroupController.CPUSET, CgroupController.CPU));
        assertThat(b).isInstanceOf(CgroupV1Backend.class);
        assertThat(b.controllers()).hasSize(8);
    }

    @Test
    void v1HostWithCoMountedCpuAndCpuacct() {
        FakeCgroupTree t = FakeCgroupTree.v1(tmp);
        CgroupMounts m = CgroupMounts.detect(tmp);
        assertThat(m.mode()).isEqualTo(CgroupMode.V1);
        assertThat(m.v1().get(CgroupController.CPU)).isEqualTo(t.cgroupRoot().resolve("cpu,cpuacct"));
        assertThat(m.v1().get(CgroupController.CPUACCT)).isEqualTo(t.cgroupRoot().resolve("cpu,cpuacct"));
        assertThat(m.v1()).doesNotContainKey(CgroupController.PIDS);
        // cpuacct cannot be left out: it shares the cpu hierarchy
        CgroupBackend b = open(m, Set.of(CgroupController.CPU, CgroupController.CPUSET), Set.of());
        assertThat(b.controllers()).containsExactlyInAnyOrder(CgroupController.CPU, CgroupController.CPUACCT, CgroupController.CPUSET);
    }

    @Test
    void pureV2HostReadsTheRootControllers() {
        FakeCgroupTree t = FakeCgroupTree.v2(tmp, "cpuset cpu io memory hugetlb pids rdma misc");
        CgroupMounts m = CgroupMounts.detect(tmp);
        assertThat(m.mode()).isEqualTo(CgroupMode.V2);
        assertThat(m.unified()).contains(t.cgroupRoot());
        assertThat(m.available()).containsExactlyInAnyOrder(CgroupController.CPUSET, CgroupController.CPU, CgroupController.BLKIO,
                CgroupController.MEMORY, CgroupController.PIDS);
        CgroupBackend b = open(m, Set.of(), Set.of(CgroupController.CPUSET));
        assertThat(b).isInstanceOf(CgroupV2Backend.class);
        assertThat(b.version()).isEqualTo(CgroupVersion.V2);
    }

    @Test
    void aV1NamedHierarchyAloneDoesNotMakeAHybrid() {
        String info = FakeCgroupTree.V2_MOUNTINFO
                + "40 35 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n";
        FakeCgroupTree.v2(tmp, "cpu");
        assertThat(CgroupMounts.parse(info, tmp).mode()).isEqualTo(CgroupMode.V2);
    }

    @Test
    void missingRequiredControllerIsAClearError() {
        FakeCgroupTree.v1(tmp);
        CgroupMounts m = CgroupMounts.detect(tmp);
        assertThatThrownBy(() -> open(m, Set.of(), Set.of(CgroupController.CPUSET, CgroupController.PIDS)))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CGROUP))
                .hasMessage("cgroup: the pids controller is required but not mounted as a cgroup v1 hierarchy"
                        + " (V1 host; available: cpu, cpuacct, cpuset, memory, freezer)");
        assertThatThrownBy(() -> open(m, Set.of(CgroupController.CPU), Set.of(CgroupController.CPUSET)))
                .hasMessageContaining("cpuset controller is required but excluded by cgroup_controllers");
    }

    @Test
    void missingV2ControllerNamesTheRootFile() {
        FakeCgroupTree.v2(tmp, "cpu memory");
        assertThatThrownBy(() -> open(CgroupMounts.detect(tmp), Set.of(), Set.of(CgroupController.CPUSET)))
                .hasMessageContaining("cpuset controller is required but not enabled in the cgroup2 root");
    }

    @Test
    void noCgroupMountAtAll() {
        assertThatThrownBy(() -> CgroupMounts.parse("22 1 8:1 / / rw - ext4 /dev/sda1 rw\n", tmp))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CGROUP));
        assertThatThrownBy(() -> CgroupMounts.detect(tmp.resolve("nothing")))
                .hasMessageContaining("cannot read " + tmp.resolve("nothing/proc/self/mountinfo"));
    }

    @Test
    void octalEscapesAndGarbageLines() {
        String info = "garbage\n\n1 2\n"
                + "34 31 0:31 / /sys/fs/my\\040cgroups rw,relatime shared:1 master:2 - cgroup cgroup rw,cpuset\n";
        CgroupMounts m = CgroupMounts.parse(info, tmp);
        assertThat(m.v1().get(CgroupController.CPUSET)).isEqualTo(tmp.resolve("sys/fs/my cgroups"));
        assertThat(m.mode()).isEqualTo(CgroupMode.V1);
    }

    private static CgroupBackend open(CgroupMounts m, Set<CgroupController> wanted, Set<CgroupController> required) {
        return CgroupBackends.open(m, wanted.isEmpty() ? EnumSet.noneOf(CgroupController.class) : EnumSet.copyOf(wanted),
                required, new RecordingSignaller(), new FakeTicker());
    }
}
