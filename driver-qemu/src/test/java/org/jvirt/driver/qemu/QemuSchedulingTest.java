package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.cgroup.DomainLimits;
import org.jvirt.driver.qemu.hotplug.VcpuEntities;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.FakeAffinity;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.RecordingSignaller;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupBackends;
import org.jvirt.linux.cgroup.CgroupMounts;
import org.jvirt.linux.cgroup.FakeCgroupTree;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * Live scheduler parameters and memory nodes of a QEMU domain against temp-dir cgroup trees: the
 * files of every group of the kind asked for, on cgroup v2 ({@code cpu.max}, {@code cpu.weight})
 * and on a v1 hybrid host; a failed write undoes the others.
 */
class QemuSchedulingTest {
    static final Cgroup DOM = Cgroup.of("machine/qemu-web.jvirt-qemu");

    @TempDir
    Path root;

    private QemuRuntime runtime(FakeCgroupTree t) {
        CgroupBackend b = CgroupBackends.open(CgroupMounts.detect(t.root()), Set.of(), Set.of(),
                new RecordingSignaller(), new FakeTicker());
        FakeAffinity aff = new FakeAffinity(CpuSet.range(0, 1)).thread(101).thread(102).thread(300);
        DomainCgroups cg = new DomainCgroups(b, aff, DOM);
        ResolvedSet all = new ResolvedSet(CpuSet.range(0, 1), ResolvedSet.Reason.ALL_HOST_CPUS);
        cg.prepare(CpuTune.EMPTY, all, Optional.of(CpuSet.of(0)), DomainLimits.NONE);
        cg.placeVcpu(0, 101, all, CpuTune.EMPTY, Optional.of(CpuSet.of(0)));
        cg.placeVcpu(1, 102, all, CpuTune.EMPTY, Optional.of(CpuSet.of(0)));
        cg.prepareIothread(1, all, CpuTune.EMPTY, Optional.of(CpuSet.of(0)));
        cg.attachIothread(1, 300, all);
        for (Cgroup g : new Cgroup[] {DOM, cg.emulator(), cg.vcpu(0), cg.vcpu(1), cg.iothread(1)}) {
            if (b.version() == org.jvirt.linux.cgroup.CgroupVersion.V2) {
                t.populateV2(g);
            } else {
                t.populateV1(g);
            }
        }
        QemuRuntime rt = new QemuRuntime("web", 100, 1, root.resolve("mon"), cg, Optional.of(CpuSet.of(0)));
        rt.entities = VcpuEntities.fromThreads(Map.of(0, 101L, 1, 102L));
        rt.iothreadTids.put(1, 300L);
        return rt;
    }

    private QemuScheduling scheduling() throws Exception {
        return new QemuScheduling(new DomainLocks(Files.createDirectories(root.resolve("run")), Duration.ofSeconds(1),
                new FakeTicker()));
    }

    private static final DomainDef DEF = DomainDef.builder("web").build();

    @Test
    void cgroupV2GetsCpuMaxOfEveryGroupAndTheWeight() throws Exception {
        FakeCgroupTree t = FakeCgroupTree.v2(root, "cpuset cpu io memory pids");
        QemuRuntime rt = runtime(t);
        QemuScheduling s = scheduling();
        s.apply(rt, DEF, SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 2048)
                .with(SchedulerParameter.VCPU_QUOTA, 25000).with(SchedulerParameter.GLOBAL_PERIOD, 50000)
                .with(SchedulerParameter.IOTHREAD_QUOTA, 40000));
        String base = "sys/fs/cgroup/" + DOM.path();
        assertThat(t.read(base + "/cpu.weight")).isEqualTo(String.valueOf(1 + ((2048 - 2) * 9999L) / 262142));
        assertThat(t.read(base + "/vcpu0/cpu.max")).isEqualTo("25000 100000");
        assertThat(t.read(base + "/vcpu1/cpu.max")).isEqualTo("25000 100000");
        assertThat(t.read(base + "/cpu.max")).isEqualTo("max 50000");
        assertThat(t.read(base + "/iothread1/cpu.max")).isEqualTo("40000 100000");
        assertThat(t.read(base + "/emulator/cpu.max")).isEqualTo("max 100000");
        SchedulerParameters now = s.read(rt, DEF);
        assertThat(now.get(SchedulerParameter.VCPU_QUOTA)).hasValue(25000);
        assertThat(now.get(SchedulerParameter.GLOBAL_PERIOD)).hasValue(50000);
        assertThat(now.get(SchedulerParameter.EMULATOR_QUOTA)).hasValue(-1);
    }

    @Test
    void aFailedWriteUndoesTheOthers() throws Exception {
        FakeCgroupTree t = FakeCgroupTree.v2(root, "cpuset cpu io memory pids");
        QemuRuntime rt = runtime(t);
        String base = "sys/fs/cgroup/" + DOM.path();
        Path broken = root.resolve(base + "/iothread1/cpu.max");
        Files.delete(broken);
        Files.createDirectory(broken);
        assertThatThrownBy(() -> scheduling().apply(rt, DEF, SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 300)
                .with(SchedulerParameter.VCPU_QUOTA, 25000).with(SchedulerParameter.IOTHREAD_QUOTA, 40000)))
                .hasMessageContaining("iothread1");
        assertThat(t.read(base + "/vcpu0/cpu.max")).isEqualTo("max 100000");
        assertThat(t.read(base + "/vcpu1/cpu.max")).isEqualTo("max 100000");
        assertThat(t.read(base + "/cpu.weight")).isEqualTo("100");
    }

    @Test
    void memoryNodesOfEveryGroupWithMigrationOnV1() throws Exception {
        FakeCgroupTree t = FakeCgroupTree.hybrid(root);
        QemuRuntime rt = runtime(t);
        scheduling().applyNodeset(rt, DEF, CpuSet.of(1));
        String base = "sys/fs/cgroup/cpuset/" + DOM.path();
        for (String g : new String[] {"", "/emulator", "/vcpu0", "/vcpu1", "/iothread1"}) {
            assertThat(t.read(base + g + "/cpuset.mems")).as(g).isEqualTo("1");
            assertThat(t.read(base + g + "/cpuset.memory_migrate")).as(g).isEqualTo("1");
        }
        assertThat(rt.mems).contains(CpuSet.of(1));
    }
}
