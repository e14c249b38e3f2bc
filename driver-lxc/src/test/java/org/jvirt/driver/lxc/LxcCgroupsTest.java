package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.RecordingSignaller;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupBackends;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.linux.cgroup.CgroupMounts;
import org.jvirt.linux.cgroup.FakeCgroupTree;

/** The limits land in the right files of a v1 and a v2 tree (fake trees in a temp dir). */
class LxcCgroupsTest {
    @TempDir
    Path tmp;

    private final Cgroup group = new CgroupLayout().container("ct1");

    private static LxcLimits limits() {
        return LxcLimits.of(Defs.container("ct1", "<vcpu cpuset='1' current='1'>2</vcpu>",
                "<cputune><shares>2048</shares></cputune><memtune><soft_limit unit='MiB'>64</soft_limit></memtune>"),
                1, org.jvirt.model.CpuSet.of(1), LxcCpuTest.HOST, Optional.empty());
    }

    private CgroupBackend open() {
        return CgroupBackends.open(CgroupMounts.detect(tmp), Set.of(), Set.of(), new RecordingSignaller(),
                new FakeTicker());
    }

    @Test
    void v2Files() {
        FakeCgroupTree tree = FakeCgroupTree.v2(tmp, "cpuset cpu io memory pids");
        CgroupBackend cg = open();
        LxcCgroups.requireControllers(cg);
        List<String> attached = new ArrayList<>();
        LxcCgroups.create(cg, group, limits(), (dir, rules) -> attached.add(dir + " " + rules));
        String dir = "sys/fs/cgroup/" + group.path() + "/";
        // v2 has no devices controller: the rules go to a BPF program on the group's directory
        assertThat(attached).containsExactly(tmp.resolve("sys/fs/cgroup/" + group.path()) + " "
                + LxcLimits.DEVICE_ALLOW);
        assertThat(tree.read(dir + "cpuset.cpus").strip()).isEqualTo("1");
        assertThat(tree.read(dir + "cpu.max").strip()).isEqualTo("100000 100000");
        assertThat(tree.read(dir + "memory.max").strip()).isEqualTo(Long.toString(128L << 20));
        assertThat(tree.read(dir + "memory.high").strip()).isEqualTo(Long.toString(64L << 20));
        assertThat(tree.read(dir + "cpu.weight").strip()).isEqualTo("79");
        assertThat(LxcCgroups.canFreeze(cg)).isTrue();
    }

    @Test
    void v1Files() {
        FakeCgroupTree tree = FakeCgroupTree.v1(tmp);
        CgroupBackend cg = open();
        LxcCgroups.create(cg, group, limits(), (dir, rules) -> {
            throw new AssertionError("v1 has the devices controller");
        });
        String root = "sys/fs/cgroup/";
        assertThat(tree.read(root + "cpuset/" + group.path() + "/cpuset.cpus").strip()).isEqualTo("1");
        assertThat(tree.read(root + "cpu,cpuacct/" + group.path() + "/cpu.cfs_quota_us").strip()).isEqualTo("100000");
        assertThat(tree.read(root + "cpu,cpuacct/" + group.path() + "/cpu.shares").strip()).isEqualTo("2048");
        assertThat(tree.read(root + "memory/" + group.path() + "/memory.limit_in_bytes").strip())
                .isEqualTo(Long.toString(128L << 20));
    }
}
