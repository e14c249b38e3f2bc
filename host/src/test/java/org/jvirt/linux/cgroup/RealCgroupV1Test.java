package org.jvirt.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.error.VirtException;
import org.jvirt.linux.JnaSignaller;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.Ticker;
import org.jvirt.model.CpuSet;

/**
 * Against this host's REAL v1 cpuset and cpu hierarchies: a group under the test partition
 * {@code jvirt-itest}, a {@code sleep} attached, values read back, removal kills the sleep.
 * Skipped (with the reason) when not root or without a writable v1 cpuset; under CI=true a
 * missing prerequisite FAILS instead.
 */
class RealCgroupV1Test {
    private static final String PARTITION = "jvirt-itest";

    private CgroupBackend backend;
    private Cgroup partition;

    @BeforeEach
    void setUp() {
        String reason = prerequisiteMissing();
        if (reason != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("real cgroup v1 test cannot run under CI=true: " + reason);
            }
            Assumptions.abort(reason);
        }
        CgroupMounts mounts = CgroupMounts.detect(Path.of("/"));
        backend = CgroupBackends.open(mounts, EnumSet.of(CgroupController.CPUSET, CgroupController.CPU),
                Set.of(CgroupController.CPUSET, CgroupController.CPU), new JnaSignaller(), Ticker.SYSTEM);
        partition = new CgroupLayout(PARTITION).partition();
        sweepLeftovers();
    }

    @AfterEach
    void tearDown() {
        if (backend != null) {
            sweepLeftovers();
        }
    }

    private void sweepLeftovers() {
        backend.remove(partition);
        assertThat(backend.exists(partition)).isFalse();
    }

    private static String prerequisiteMissing() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root (running as " + System.getProperty("user.name") + ")";
        }
        try {
            CgroupMounts m = CgroupMounts.detect(Path.of("/"));
            if (m.mode() == CgroupMode.V2) {
                return "host has pure cgroup v2, this test is for v1";
            }
            Path cpuset = m.v1().get(CgroupController.CPUSET);
            if (cpuset == null || m.v1().get(CgroupController.CPU) == null) {
                return "no v1 cpuset or cpu hierarchy mounted";
            }
            if (!Files.isWritable(cpuset.resolve("cgroup.procs"))) {
                return "v1 cpuset hierarchy " + cpuset + " is not writable";
            }
            return null;
        } catch (VirtException e) {
            return e.getMessage();
        }
    }

    @Test
    void createWriteAttachReadBackRemove() throws Exception {
        Cgroup group = partition.child("g-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Cgroup vcpu0 = group.child("vcpu0");
        CpuSet hostCpus = backend.cpus(Cgroup.ROOT);
        CpuSet hostMems = backend.mems(Cgroup.ROOT);
        backend.create(group);
        backend.createThreadGroup(vcpu0);
        assertThat(backend.cpus(group)).isEqualTo(hostCpus);
        assertThat(backend.mems(group)).isEqualTo(hostMems);

        CpuSet one = CpuSet.of(hostCpus.last());
        if (hostCpus.size() > 1) {
            // v1: a parent cannot shrink below a child's CPUs (EBUSY): narrow children first
            assertThatThrownBy(() -> backend.setCpus(group, one)).hasMessageEndingWith(": Device or resource busy");
        }
        backend.setCpus(vcpu0, one);
        backend.setCpus(group, one);
        backend.setMems(group, CpuSet.of(hostMems.first()));
        backend.setCpuBandwidth(group, new CpuBandwidth(100_000, 50_000));
        backend.setCpuShares(group, 512);
        assertThat(backend.cpus(group)).isEqualTo(one);
        assertThat(backend.cpuBandwidth(group)).isEqualTo(new CpuBandwidth(100_000, 50_000));
        assertThat(backend.cpuShares(group)).isEqualTo(512);

        if (hostCpus.size() < 64) {
            CpuSet outside = CpuSet.of(hostCpus.last() + 1);
            Path file = backend.directories(group).stream().filter(d -> d.toString().contains("cpuset")).findFirst()
                    .orElseThrow().resolve("cpuset.cpus");
            assertThatThrownBy(() -> backend.setCpus(vcpu0, outside)).isInstanceOf(VirtException.class)
                    .hasMessageStartingWith("cgroup: cannot write " + outside.format() + " to "
                            + file.getParent().resolve("vcpu0/cpuset.cpus") + ": ");
            assertThat(file).exists();
        }

        Process sleep = new ProcessBuilder(List.of("/bin/sleep", "60")).start();
        try {
            backend.attachProcess(group, sleep.pid());
            assertThat(backend.processes(group)).containsExactly(sleep.pid());
            ProcFs proc = ProcFs.host();
            assertThat(proc.cgroups(sleep.pid())).containsEntry("cpuset", group.toString())
                    .containsEntry("cpu", group.toString());
            assertThat(proc.cpusAllowed(sleep.pid(), sleep.pid())).isEqualTo(one);

            backend.attachThread(vcpu0, sleep.pid());
            assertThat(backend.threads(vcpu0)).containsExactly(sleep.pid());
            assertThat(backend.processes(group)).isEmpty();

            backend.remove(group);
            assertThat(sleep.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(backend.exists(group)).isFalse();
            assertThat(backend.exists(partition)).isTrue();
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void freezerIsNotInUseWhenNotSelected() {
        assertThatThrownBy(() -> backend.freeze(partition, Duration.ofSeconds(1)))
                .hasMessageContaining("controller freezer is not available");
    }
}
