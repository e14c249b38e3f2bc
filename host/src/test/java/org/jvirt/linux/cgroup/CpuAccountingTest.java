package org.jvirt.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.RecordingSignaller;

/** CPU accounting read from v1's cpuacct files and v2's cpu.stat, on temp-dir trees. */
class CpuAccountingTest {
    @TempDir
    Path tmp;

    private final CgroupLayout layout = new CgroupLayout();

    private CgroupBackend open() {
        return CgroupBackends.open(CgroupMounts.detect(tmp), Set.of(), Set.of(), new RecordingSignaller(),
                new FakeTicker());
    }

    @Test
    void v1ReadsUsageStatAndPerCpu() {
        FakeCgroupTree tree = FakeCgroupTree.v1(tmp);
        CgroupBackend b = open();
        Cgroup d = layout.qemuDomain("vm");
        b.create(d);
        tree.populateV1(d);
        String dir = "sys/fs/cgroup/" + (tmp.resolve("sys/fs/cgroup/cpuacct").toFile().isDirectory() ? "cpuacct"
                : "cpu,cpuacct") + "/" + d.path() + "/";
        tree.write(dir + "cpuacct.usage", "3000000000\n");
        tree.write(dir + "cpuacct.stat", "user 120\nsystem 80\n");
        tree.write(dir + "cpuacct.usage_percpu", "1000000000 2000000000 \n");
        assertThat(CpuAccounting.usage(b, d)).isEqualTo(new CpuAccounting.Usage(3_000_000_000L, 1_200_000_000L,
                800_000_000L));
        assertThat(CpuAccounting.perCpu(b, d)).containsExactly(1_000_000_000L, 2_000_000_000L);
        tree.write(dir + "cpuacct.stat", "user 1\n");
        assertThatThrownBy(() -> CpuAccounting.usage(b, d)).hasMessageContaining("has no system line");
    }

    @Test
    void v2ReadsCpuStatAndHasNoPerCpuTime() {
        FakeCgroupTree tree = FakeCgroupTree.v2(tmp, "cpuset cpu io memory pids");
        CgroupBackend b = open();
        Cgroup d = layout.qemuDomain("vm");
        b.create(d);
        tree.populateV2(d);
        assertThat(CpuAccounting.usage(b, d)).isEqualTo(new CpuAccounting.Usage(1_500_000, 1_000_000, 500_000));
        assertThatThrownBy(() -> CpuAccounting.perCpu(b, d)).hasMessageContaining("cgroup v2 keeps no CPU time");
    }
}
