package org.jvirt.driver.qemu.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.VirtException;
import org.jvirt.linux.FakeAffinity;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.RecordingSignaller;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupBackends;
import org.jvirt.linux.cgroup.CgroupMounts;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.FakeCgroupTree;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.pinning.ResolvedSet;

/** Cgroup application of one domain against temp-dir cgroup trees, v1 (hybrid host) and v2. */
class DomainCgroupsTest {
    static final Cgroup DOM = Cgroup.of("machine/qemu-web.jvirt-qemu");

    @TempDir
    Path root;

    static CpuTune tune() {
        return new CpuTune(OptionalLong.of(512), OptionalLong.of(100000), OptionalLong.of(50000),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(100000), OptionalLong.of(20000),
                OptionalLong.empty(), OptionalLong.empty(), List.of(), Optional.empty(), List.of(),
                Optional.empty(), List.of(), List.of(), org.jvirt.model.Extras.NONE);
    }

    static ResolvedSet pin(CpuSet s) {
        return new ResolvedSet(s, ResolvedSet.Reason.EXPLICIT_PIN);
    }

    CgroupBackend open(FakeCgroupTree t) {
        return CgroupBackends.open(CgroupMounts.detect(t.root()), Set.of(), Set.of(), new RecordingSignaller(),
                new FakeTicker());
    }

    @Test
    void v1HybridHostGetsLibvirtsLayoutAndCgroupBeforeAffinity() {
        FakeCgroupTree t = FakeCgroupTree.hybrid(root);
        FakeAffinity aff = new FakeAffinity(CpuSet.range(0, 1)).thread(101).thread(102).thread(103).thread(100);
        DomainCgroups cg = new DomainCgroups(open(t), aff, DOM);
        cg.prepare(tune(), pin(CpuSet.of(0)), Optional.of(CpuSet.of(0)), DomainLimits.NONE);
        String base = "sys/fs/cgroup/";
        assertThat(t.read(base + "cpu/" + DOM.path() + "/cpu.shares")).isEqualTo("512");
        assertThat(t.read(base + "cpuset/" + DOM.path() + "/cpuset.mems")).isEqualTo("0");
        assertThat(t.read(base + "cpuset/" + DOM.path() + "/cpuset.memory_migrate")).isEqualTo("1");
        assertThat(t.read(base + "cpuset/" + DOM.path() + "/emulator/cpuset.cpus")).isEqualTo("0");
        assertThat(t.read(base + "cpu/" + DOM.path() + "/emulator/cpu.cfs_quota_us")).isEqualTo("20000");
        // the spawn wrapper joins each hierarchy once: the emulator group where per-thread groups
        // live, the domain group elsewhere
        List<Path> files = cg.spawnProcsFiles();
        Path fs = root.resolve(base);
        List<String> expected = new java.util.ArrayList<>();
        for (String h : List.of("cpu", "cpuacct", "cpuset")) {
            expected.add(h + "/" + DOM.path() + "/emulator/cgroup.procs");
        }
        for (String h : List.of("memory", "devices", "freezer", "blkio", "pids")) {
            expected.add(h + "/" + DOM.path() + "/cgroup.procs");
        }
        assertThat(files.stream().map(p -> fs.relativize(p).toString()).toList())
                .containsExactlyInAnyOrderElementsOf(expected);

        cg.placeVcpu(0, 101, pin(CpuSet.of(1)), tune(), Optional.of(CpuSet.of(0)));
        // an I/O thread's group is made before QEMU has the thread, then the thread joins it
        cg.prepareIothread(1, pin(CpuSet.of(1)), tune(), Optional.empty());
        assertThat(t.read(base + "cpuset/" + DOM.path() + "/iothread1/cpuset.cpus")).isEqualTo("1");
        assertThat(root.resolve(base + "cpuset/" + DOM.path() + "/iothread1/tasks")).doesNotExist();
        cg.attachIothread(1, 103, pin(CpuSet.of(1)));
        assertThat(t.read(base + "cpuset/" + DOM.path() + "/vcpu0/cpuset.cpus")).isEqualTo("1");
        assertThat(t.read(base + "cpuset/" + DOM.path() + "/vcpu0/tasks")).isEqualTo("101");
        assertThat(t.read(base + "cpu/" + DOM.path() + "/vcpu0/cpu.cfs_period_us")).isEqualTo("100000");
        assertThat(t.read(base + "cpu/" + DOM.path() + "/vcpu0/cpu.cfs_quota_us")).isEqualTo("50000");
        assertThat(root.resolve(base + "cpu/" + DOM.path() + "/iothread1/cpu.cfs_quota_us")).doesNotExist();
        assertThat(t.read(base + "cpuset/" + DOM.path() + "/iothread1/tasks")).isEqualTo("103");
        assertThat(aff.get(101)).isEqualTo(CpuSet.of(1));
        assertThat(aff.get(103)).isEqualTo(CpuSet.of(1));
        assertThat(root.resolve(base + "memory/" + DOM.path() + "/vcpu0")).doesNotExist();

        cg.repinThread(cg.vcpu(0), 101, CpuSet.of(0));
        cg.repinEmulator(100, CpuSet.of(1));
        assertThat(t.read(base + "cpuset/" + DOM.path() + "/vcpu0/cpuset.cpus")).isEqualTo("0");
        assertThat(t.read(base + "cpuset/" + DOM.path() + "/emulator/cpuset.cpus")).isEqualTo("1");
        assertThat(aff.get(101)).isEqualTo(CpuSet.of(0));
        assertThat(aff.get(100)).isEqualTo(CpuSet.of(1));
    }

    @Test
    void affinityFailureIsFatalExceptForAllHostCpus() {
        FakeCgroupTree t = FakeCgroupTree.hybrid(root);
        DomainCgroups cg = new DomainCgroups(open(t), new FakeAffinity(CpuSet.range(0, 1)), DOM);
        cg.prepare(CpuTune.EMPTY, pin(CpuSet.range(0, 1)), Optional.empty(), DomainLimits.NONE);
        cg.placeEmulatorThread(555, new ResolvedSet(CpuSet.range(0, 1), ResolvedSet.Reason.ALL_HOST_CPUS));
        assertThatThrownBy(() -> cg.placeEmulatorThread(555, pin(CpuSet.of(1)))).isInstanceOf(VirtException.class);
    }

    @Test
    void v2HostUsesThreadedGroupsAndConvertedWeight() {
        FakeCgroupTree t = FakeCgroupTree.v2(root, "cpuset cpu io memory pids");
        FakeAffinity aff = new FakeAffinity(CpuSet.range(0, 1)).thread(201);
        CgroupBackend b = open(t);
        assertThat(b.has(CgroupController.CPUSET)).isTrue();
        DomainCgroups cg = new DomainCgroups(b, aff, DOM);
        cg.prepare(tune(), pin(CpuSet.of(0)), Optional.empty(), DomainLimits.NONE);
        String base = "sys/fs/cgroup/" + DOM.path();
        assertThat(t.read(base + "/cpu.weight")).isEqualTo(String.valueOf(1 + ((512 - 2) * 9999L) / 262142));
        assertThat(t.read(base + "/emulator/cgroup.type")).isEqualTo("threaded");
        assertThat(t.read(base + "/emulator/cpu.max")).isEqualTo("20000 100000");
        // the one hierarchy: the domain group, then its threaded emulator group
        assertThat(cg.spawnProcsFiles()).containsExactly(root.resolve(base + "/cgroup.procs"),
                root.resolve(base + "/emulator/cgroup.procs"));
        cg.placeVcpu(1, 201, pin(CpuSet.of(1)), tune(), Optional.empty());
        assertThat(t.read(base + "/vcpu1/cgroup.type")).isEqualTo("threaded");
        assertThat(t.read(base + "/vcpu1/cpuset.cpus")).isEqualTo("1");
        assertThat(t.read(base + "/vcpu1/cgroup.threads")).isEqualTo("201");
        assertThat(aff.get(201)).isEqualTo(CpuSet.of(1));
    }

    @Test
    void maxThreadsPerProcessBecomesPidsMaxOfTheDomainGroup() {
        FakeCgroupTree t = FakeCgroupTree.hybrid(root);
        new DomainCgroups(open(t), new FakeAffinity(CpuSet.range(0, 1)), DOM)
                .prepare(CpuTune.EMPTY, pin(CpuSet.range(0, 1)), Optional.empty(), new DomainLimits(64, List.of()));
        assertThat(t.read("sys/fs/cgroup/pids/" + DOM.path() + "/pids.max")).isEqualTo("64");

        FakeCgroupTree v2 = FakeCgroupTree.v2(root.resolve("v2"), "cpuset cpu io memory pids");
        new DomainCgroups(open(v2), new FakeAffinity(CpuSet.range(0, 1)), DOM)
                .prepare(CpuTune.EMPTY, pin(CpuSet.range(0, 1)), Optional.empty(), new DomainLimits(64, List.of()));
        assertThat(v2.read("sys/fs/cgroup/" + DOM.path() + "/pids.max")).isEqualTo("64");
    }

    @Test
    void maxThreadsPerProcessWithoutThePidsControllerIsRefusedBeforeAnyGroupExists() {
        FakeCgroupTree t = FakeCgroupTree.v2(root, "cpuset cpu io memory");
        CgroupBackend b = open(t);
        DomainCgroups cg = new DomainCgroups(b, new FakeAffinity(CpuSet.range(0, 1)), DOM);
        assertThatThrownBy(() -> cg.prepare(CpuTune.EMPTY, pin(CpuSet.range(0, 1)), Optional.empty(), new DomainLimits(64, List.of())))
                .isInstanceOf(VirtException.class).hasMessageContaining("max_threads_per_process")
                .hasMessageContaining("pids");
        assertThat(b.exists(DOM)).isFalse();
    }

    @Test
    void theDeviceAllowListIsWrittenOnV1AndOnlyCheckedOnV2() {
        FakeCgroupTree t = FakeCgroupTree.hybrid(root);
        new DomainCgroups(open(t), new FakeAffinity(CpuSet.range(0, 1)), DOM).prepare(CpuTune.EMPTY,
                pin(CpuSet.range(0, 1)), Optional.empty(), new DomainLimits(0, List.of("c 1:3 rw", "c 136:* rw")));
        String devices = "sys/fs/cgroup/devices/" + DOM.path();
        assertThat(t.read(devices + "/devices.deny")).isEqualTo("a");
        assertThat(t.read(devices + "/devices.allow")).contains("c 1:3 rw").contains("c 136:* rw");

        FakeCgroupTree v2 = FakeCgroupTree.v2(root.resolve("v2"), "cpuset cpu io memory pids");
        CgroupBackend b = open(v2);
        assertThat(b.deviceControl()).isFalse();
        new DomainCgroups(b, new FakeAffinity(CpuSet.range(0, 1)), DOM).prepare(CpuTune.EMPTY,
                pin(CpuSet.range(0, 1)), Optional.empty(), new DomainLimits(0, List.of("c 1:3 rw")));
        assertThat(b.exists(DOM)).isTrue();
    }
}
