package org.jvirt.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.RecordingSignaller;
import org.jvirt.model.CpuSet;

class CgroupV2BackendTest {
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
        tree = FakeCgroupTree.v2(tmp, "cpuset cpu io memory hugetlb pids");
        backend = CgroupBackends.open(CgroupMounts.detect(tmp), Set.of(), Set.of(CgroupController.CPUSET), signals, ticker);
        domain = layout.qemuDomain("vm");
    }

    private String read(Cgroup g, String file) {
        return tree.read("sys/fs/cgroup/" + (g.isRoot() ? "" : g.path() + "/") + file);
    }

    @Test
    void createEnablesControllersTopDown() {
        backend.create(domain);
        assertThat(backend.exists(domain)).isTrue();
        assertThat(read(Cgroup.ROOT, "cgroup.subtree_control").split("\n"))
                .containsExactly("+cpu", "+cpuset", "+memory", "+pids", "+io");
        assertThat(read(layout.partition(), "cgroup.subtree_control").split("\n"))
                .containsExactly("+cpu", "+cpuset", "+memory", "+pids", "+io");
        assertThat(tmp.resolve("sys/fs/cgroup").resolve(domain.path()).resolve("cgroup.subtree_control")).doesNotExist();
        backend.create(domain); // nothing enabled twice
        assertThat(read(Cgroup.ROOT, "cgroup.subtree_control").split("\n")).hasSize(5);
        assertThat(backend.procsFiles(domain)).containsExactly(tmp.resolve("sys/fs/cgroup/" + domain.path() + "/cgroup.procs"));
    }

    @Test
    void onlyOfferedControllersAreEnabled() {
        tree.write("sys/fs/cgroup/machine/cgroup.controllers", "cpu memory\n");
        backend.create(domain);
        assertThat(read(layout.partition(), "cgroup.subtree_control").split("\n")).containsExactly("+cpu", "+memory");
    }

    @Test
    void threadGroupsAreThreaded() {
        backend.create(domain);
        Cgroup vcpu1 = layout.vcpu(domain, 1);
        backend.createThreadGroup(vcpu1);
        assertThat(read(vcpu1, "cgroup.type")).isEqualTo("threaded");
        assertThat(read(domain, "cgroup.subtree_control").split("\n")).containsExactly("+cpu", "+cpuset");
        tree.populateV2(vcpu1);
        backend.attachThread(vcpu1, 99);
        assertThat(backend.threads(vcpu1)).containsExactly(99L);
        assertThatThrownBy(() -> backend.createThreadGroup(layout.vcpu(layout.container("nope"), 0)))
                .hasMessageContaining("the parent group does not exist");
    }

    @Test
    void tunablesUseTheV2Files() {
        backend.create(domain);
        tree.populateV2(domain);
        backend.setCpuShares(domain, 1024);
        assertThat(read(domain, "cpu.weight")).isEqualTo("39");
        assertThat(backend.cpuShares(domain)).isEqualTo(998); // lossy: weight 39 covers shares 998..1023
        backend.setCpuBandwidth(domain, new CpuBandwidth(100_000, 50_000));
        assertThat(read(domain, "cpu.max")).isEqualTo("50000 100000");
        assertThat(backend.cpuBandwidth(domain)).isEqualTo(new CpuBandwidth(100_000, 50_000));
        backend.setCpuBandwidth(domain, CpuBandwidth.unlimited(100_000));
        assertThat(read(domain, "cpu.max")).isEqualTo("max 100000");
        assertThat(backend.cpuBandwidth(domain).isUnlimited()).isTrue();
        backend.setMemoryLimit(domain, MemoryLimit.HARD, 4096);
        backend.setMemoryLimit(domain, MemoryLimit.SOFT, CgroupBackend.UNLIMITED);
        backend.setMemoryLimit(domain, MemoryLimit.SWAP_HARD, 8192);
        assertThat(read(domain, "memory.max")).isEqualTo("4096");
        assertThat(read(domain, "memory.high")).isEqualTo("max");
        assertThat(read(domain, "memory.swap.max")).isEqualTo("8192");
        assertThat(backend.memoryLimit(domain, MemoryLimit.SOFT)).isEqualTo(CgroupBackend.UNLIMITED);
        backend.setPidsMax(domain, CgroupBackend.UNLIMITED);
        assertThat(backend.pidsMax(domain)).isEqualTo(CgroupBackend.UNLIMITED);
        backend.setCpus(domain, CpuSet.of(1, 3));
        assertThat(read(domain, "cpuset.cpus")).isEqualTo("1,3");
        assertThat(backend.cpuUsageNanos(domain)).isEqualTo(1_500_000);
    }

    @Test
    void noDeviceControlOnV2() {
        backend.create(domain);
        assertThat(backend.deviceControl()).isFalse();
        backend.setDeviceAcl(domain, List.of("c 1:3 rwm"));
        assertThat(tmp.resolve("sys/fs/cgroup/" + domain.path() + "/devices.allow")).doesNotExist();
        assertThatThrownBy(() -> backend.setDeviceAcl(domain, List.of("x"))).isInstanceOf(VirtException.class);
        assertThat(backend.controllers()).doesNotContain(CgroupController.DEVICES, CgroupController.FREEZER, CgroupController.CPUACCT);
    }

    @Test
    void freezeWaitsForTheEventsFile() {
        backend.create(domain);
        tree.populateV2(domain);
        Path events = tmp.resolve("sys/fs/cgroup/" + domain.path() + "/cgroup.events");
        ticker.onSleep(() -> write(events, "populated 1\nfrozen 1\n"));
        backend.freeze(domain, Duration.ofSeconds(1));
        assertThat(read(domain, "cgroup.freeze")).isEqualTo("1");
        assertThat(ticker.sleeps()).hasSize(1);
        assertThat(backend.isFrozen(domain)).isTrue();
        backend.thaw(domain);
        assertThat(read(domain, "cgroup.freeze")).isEqualTo("0");
    }

    @Test
    void freezeTimesOutAndThaws() {
        backend.create(domain);
        tree.populateV2(domain);
        assertThatThrownBy(() -> backend.freeze(domain, Duration.ofMillis(100)))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT))
                .hasMessageContaining("did not report 'frozen 1' in cgroup.events within 100 ms");
        assertThat(read(domain, "cgroup.freeze")).isEqualTo("0");
    }

    @Test
    void removeSweepsAndRemovesThreadedChildren() {
        backend.create(domain);
        backend.createThreadGroup(layout.emulator(domain));
        tree.populateV2(domain);
        backend.attachProcess(domain, 42);
        Path procs = tmp.resolve("sys/fs/cgroup/" + domain.path() + "/cgroup.procs");
        signals.onSend((pid, sig) -> write(procs, ""));
        backend.remove(domain);
        assertThat(signals.sent()).hasSize(1);
        assertThat(backend.exists(domain)).isFalse();
        assertThat(backend.exists(layout.partition())).isTrue();
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
