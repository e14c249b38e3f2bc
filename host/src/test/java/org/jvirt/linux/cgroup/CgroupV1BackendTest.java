package org.jvirt.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.RecordingSignaller;
import org.jvirt.linux.Signal;
import org.jvirt.model.CpuSet;

class CgroupV1BackendTest {
    @TempDir
    Path tmp;

    private FakeCgroupTree tree;
    private final RecordingSignaller signals = new RecordingSignaller();
    private final FakeTicker ticker = new FakeTicker();
    private CgroupBackend backend;
    private final CgroupLayout layout = new CgroupLayout();
    private Cgroup domain;

    @BeforeEach
    void setUp() {
        tree = FakeCgroupTree.hybrid(tmp);
        backend = CgroupBackends.open(CgroupMounts.detect(tmp), Set.of(), Set.of(), signals, ticker);
        domain = layout.qemuDomain("vm");
    }

    private Path dir(String hierarchy, Cgroup g) {
        return tree.cgroupRoot().resolve(hierarchy).resolve(g.path());
    }

    @Test
    void createMakesTheGroupInEveryHierarchyAndInitialisesCpusetFromTheParent() {
        backend.create(domain);
        for (String h : List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids")) {
            assertThat(dir(h, domain)).as(h).isDirectory();
        }
        assertThat(dir("systemd", domain)).doesNotExist();
        assertThat(tree.read("sys/fs/cgroup/cpuset/machine/cpuset.cpus")).isEqualTo("0-1");
        assertThat(tree.read("sys/fs/cgroup/cpuset/machine/cpuset.mems")).isEqualTo("0");
        assertThat(backend.cpus(domain)).isEqualTo(CpuSet.range(0, 1));
        assertThat(backend.mems(domain)).isEqualTo(CpuSet.of(0));
        assertThat(backend.exists(domain)).isTrue();
        assertThat(backend.procsFiles(domain)).hasSize(8).allMatch(p -> p.getFileName().toString().equals("cgroup.procs"));
    }

    @Test
    void createKeepsAnExistingCpusetAndFillsAnEmptyOne() {
        backend.create(domain);
        backend.setCpus(domain, CpuSet.of(1));
        backend.create(domain);
        assertThat(backend.cpus(domain)).isEqualTo(CpuSet.of(1));
        tree.write("sys/fs/cgroup/cpuset/machine/cpuset.cpus", "");
        backend.create(domain);
        assertThat(tree.read("sys/fs/cgroup/cpuset/machine/cpuset.cpus")).isEqualTo("0-1");
    }

    @Test
    void aThreadGroupStartsWithItsDomainsCpusetNotTheRoots() {
        backend.create(domain);
        backend.setCpus(domain, CpuSet.of(1));
        Cgroup vcpu1 = layout.vcpu(domain, 1);
        backend.createThreadGroup(vcpu1);
        assertThat(backend.cpus(vcpu1)).isEqualTo(CpuSet.of(1));
        assertThat(backend.mems(vcpu1)).isEqualTo(CpuSet.of(0));
        // a domain whose cpuset was emptied under it: the groups are filled again from the root down
        tree.write("sys/fs/cgroup/cpuset/machine/qemu-vm.jvirt-qemu/cpuset.cpus", "");
        Cgroup vcpu2 = layout.vcpu(domain, 2);
        backend.createThreadGroup(vcpu2);
        assertThat(backend.cpus(domain)).isEqualTo(CpuSet.range(0, 1));
        assertThat(backend.cpus(vcpu2)).isEqualTo(CpuSet.range(0, 1));
    }

    @Test
    void threadGroupsOnlyInCpuCpuacctAndCpuset() {
        backend.create(domain);
        Cgroup vcpu0 = layout.vcpu(domain, 0);
        backend.createThreadGroup(vcpu0);
        assertThat(dir("cpu", vcpu0)).isDirectory();
        assertThat(dir("cpuacct", vcpu0)).isDirectory();
        assertThat(dir("cpuset", vcpu0)).isDirectory();
        assertThat(dir("memory", vcpu0)).doesNotExist();
        assertThat(dir("freezer", vcpu0)).doesNotExist();
        assertThat(backend.cpus(vcpu0)).isEqualTo(CpuSet.range(0, 1));
        backend.attachThread(vcpu0, 4242);
        assertThat(tree.read("sys/fs/cgroup/cpuset/machine/qemu-vm.jvirt-qemu/vcpu0/tasks")).isEqualTo("4242");
        assertThat(tree.read("sys/fs/cgroup/cpu/machine/qemu-vm.jvirt-qemu/vcpu0/tasks")).isEqualTo("4242");
        assertThat(backend.threads(vcpu0)).containsExactly(4242L);
    }

    @Test
    void tunablesAreWrittenToTheV1Files() {
        backend.create(domain);
        tree.populateV1(domain);
        backend.setCpuShares(domain, 512);
        backend.setCpuBandwidth(domain, new CpuBandwidth(100_000, 50_000));
        backend.setMemoryLimit(domain, MemoryLimit.HARD, 1L << 30);
        backend.setMemoryLimit(domain, MemoryLimit.SOFT, CgroupBackend.UNLIMITED);
        backend.setPidsMax(domain, 100);
        backend.setMems(domain, CpuSet.of(0));
        backend.setMemoryMigrate(domain, true);
        String base = "sys/fs/cgroup/%s/machine/qemu-vm.jvirt-qemu/";
        assertThat(tree.read(base.formatted("cpu") + "cpu.shares")).isEqualTo("512");
        assertThat(tree.read(base.formatted("cpu") + "cpu.cfs_quota_us")).isEqualTo("50000");
        assertThat(tree.read(base.formatted("memory") + "memory.limit_in_bytes")).isEqualTo("1073741824");
        assertThat(tree.read(base.formatted("memory") + "memory.soft_limit_in_bytes")).isEqualTo("-1");
        assertThat(tree.read(base.formatted("pids") + "pids.max")).isEqualTo("100");
        assertThat(tree.read(base.formatted("cpuset") + "cpuset.memory_migrate")).isEqualTo("1");
        assertThat(backend.cpuShares(domain)).isEqualTo(512);
        assertThat(backend.cpuBandwidth(domain)).isEqualTo(new CpuBandwidth(100_000, 50_000));
        assertThat(backend.memoryLimit(domain, MemoryLimit.HARD)).isEqualTo(1L << 30);
        backend.setCpuBandwidth(domain, CpuBandwidth.unlimited(20_000));
        assertThat(backend.cpuBandwidth(domain).isUnlimited()).isTrue();
        assertThat(backend.pidsMax(domain)).isEqualTo(100);
        tree.write(base.formatted("memory") + "memory.limit_in_bytes", "9223372036854771712\n");
        assertThat(backend.memoryLimit(domain, MemoryLimit.HARD)).isEqualTo(CgroupBackend.UNLIMITED);
    }

    @Test
    void aFailedQuotaRestoresThePeriod() throws IOException {
        backend.create(domain);
        tree.populateV1(domain);
        Path quota = dir("cpu", domain).resolve("cpu.cfs_quota_us");
        Files.delete(quota);
        Files.createDirectory(quota); // writing it now fails
        assertThatThrownBy(() -> backend.setCpuBandwidth(domain, new CpuBandwidth(50_000, 20_000)))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.CGROUP);
                })
                .hasMessageStartingWith("cgroup: cannot write 20000 to " + quota + ": ");
        assertThat(tree.read("sys/fs/cgroup/cpu/machine/qemu-vm.jvirt-qemu/cpu.cfs_period_us")).isEqualTo("100000");
    }

    @Test
    void errorsNameFileValueAndReason() {
        Path file = dir("cpuset", domain).resolve("cpuset.cpus");
        assertThatThrownBy(() -> backend.setCpus(domain, CpuSet.range(0, 3)))
                .isInstanceOf(VirtException.class)
                .hasMessage("cgroup: cannot write 0-3 to " + file + ": No such file or directory");
        assertThatThrownBy(() -> new CpuBandwidth(100, 1000)).hasMessageContaining("period 100 us is out of range");
        assertThatThrownBy(() -> backend.setCpuShares(domain, 1)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TUNABLE_RANGE));
        assertThatThrownBy(() -> backend.remove(Cgroup.ROOT)).hasMessage("cgroup: cannot remove the root group");
    }

    @Test
    void aControllerNotInUseIsNoCgroup() {
        CgroupBackend cpuOnly = CgroupBackends.open(CgroupMounts.detect(tmp), Set.of(CgroupController.CPU), Set.of(),
                signals, ticker);
        assertThatThrownBy(() -> cpuOnly.setCpus(domain, CpuSet.of(0)))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CGROUP))
                .hasMessage("cgroup: controller cpuset is not available (in use: cpu)");
        cpuOnly.create(domain);
        assertThat(dir("cpuset", domain)).doesNotExist();
        assertThat(dir("cpu", domain)).isDirectory();
    }

    @Test
    void attachAndListProcesses() {
        backend.create(domain);
        backend.attachProcess(domain, 300);
        backend.attachProcess(domain, 200);
        assertThat(tree.read("sys/fs/cgroup/memory/machine/qemu-vm.jvirt-qemu/cgroup.procs")).isEqualTo("300\n200");
        assertThat(backend.processes(domain)).containsExactly(200L, 300L);
        assertThatThrownBy(() -> backend.attachProcess(layout.container("none"), 1))
                .hasMessageContaining("cannot attach process 1 to /machine/lxc-none.jvirt-lxc: no such group");
    }

    @Test
    void deviceAcl() {
        backend.create(domain);
        backend.setDeviceAcl(domain, List.of("c 1:3 rwm", "c 136:* rw"));
        assertThat(backend.deviceControl()).isTrue();
        assertThat(tree.read("sys/fs/cgroup/devices/machine/qemu-vm.jvirt-qemu/devices.deny")).isEqualTo("a");
        assertThat(tree.read("sys/fs/cgroup/devices/machine/qemu-vm.jvirt-qemu/devices.allow"))
                .isEqualTo("c 1:3 rwm\nc 136:* rw");
        assertThatThrownBy(() -> backend.setDeviceAcl(domain, List.of("c 1:3 rwx")))
                .hasMessageContaining("invalid device rule 'c 1:3 rwx'");
    }

    @Test
    void freezeAndThaw() {
        backend.create(domain);
        tree.populateV1(domain);
        assertThat(backend.isFrozen(domain)).isFalse();
        backend.freeze(domain, Duration.ofSeconds(1));
        assertThat(backend.isFrozen(domain)).isTrue();
        backend.thaw(domain);
        assertThat(tree.read("sys/fs/cgroup/freezer/machine/qemu-vm.jvirt-qemu/freezer.state")).isEqualTo("THAWED");
    }

    @Test
    void removeKillsTheSubtreeThenRemovesChildrenFirst() {
        backend.create(domain);
        Cgroup emulator = layout.emulator(domain);
        backend.createThreadGroup(emulator);
        tree.populateV1(domain);
        backend.attachProcess(domain, 500);
        backend.attachProcess(emulator, 501);
        // a "killed" process leaves every cgroup.procs
        signals.onSend((pid, sig) -> {
            for (Path d : backend.directories(domain)) {
                clear(d.resolve("cgroup.procs"));
                clear(d.resolve("emulator/cgroup.procs"));
            }
        });
        backend.remove(domain);
        assertThat(signals.sent()).contains(new RecordingSignaller.Sent(500, Signal.KILL),
                new RecordingSignaller.Sent(501, Signal.KILL));
        assertThat(backend.exists(domain)).isFalse();
        assertThat(dir("cpu", domain)).doesNotExist();
        assertThat(dir("cpu", layout.partition())).isDirectory();
        backend.remove(domain); // gone already: fine
    }

    @Test
    void removeGivesUpAfterThreeSeconds() {
        backend.create(domain);
        backend.attachProcess(domain, 777);
        assertThatThrownBy(() -> backend.remove(domain))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR))
                .hasMessageContaining("processes still running after 3 s of SIGKILL: [777]");
        assertThat(ticker.sleeps()).hasSize(15).allMatch(d -> d.equals(Duration.ofMillis(200)));
        assertThat(signals.sent()).hasSize(15);
        assertThat(backend.exists(domain)).isTrue();
    }

    private static void clear(Path file) {
        try {
            if (Files.exists(file)) {
                Files.writeString(file, "");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
