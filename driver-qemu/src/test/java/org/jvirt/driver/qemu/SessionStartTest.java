package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Affect;
import org.jvirt.DomainState;
import org.jvirt.StartOptions;
import org.jvirt.ThreadPlacement;
import org.jvirt.driver.qemu.process.QemuUser;
import org.jvirt.driver.qemu.session.SessionCgroups;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.linux.LaunchSpec;
import org.jvirt.linux.cgroup.FakeCgroupTree;
import org.jvirt.model.CpuSet;
import org.jvirt.stats.CpuTime;
import org.jvirt.stats.StatsGroup;

/**
 * A session's start on a fake host: with no cgroup of its own (this machine's hybrid host) every
 * thread is placed by its affinity alone, QEMU's start-up mask comes from taskset and no setpriv
 * switches its user; in a delegated cgroup v2 subtree its groups are made there, with what the
 * delegation offers; what needs a missing controller is refused before anything is made.
 */
class SessionStartTest {
    private static final long UID = 1001;
    private static final String AS_USER = "user = \"+1001\"\ngroup = \"+1001\"\n";
    private static final String DELEGATED = "user.slice/user-1001.slice/user@1001.service";

    @TempDir
    Path tmp;

    private FakeQemuHost host;
    private QemuConnection conn;

    @AfterEach
    void close() {
        if (conn != null) {
            conn.close();
        }
    }

    private QemuAccess access(java.util.function.Function<Path, OptionalLong> owner) {
        return new QemuAccess(new QemuUser(UID, UID, Optional.of("bob")), "'bob' (uid 1001)",
                () -> SessionCgroups.open(host.env, UID, Set.of(), owner), true);
    }

    /** A session on the hybrid host: no cgroup of its own. */
    private void openWithoutCgroups() {
        host = new FakeQemuHost(tmp, FakeCgroupTree::hybrid, AS_USER);
        conn = host.open(access(p -> OptionalLong.of(0)));
    }

    /** A session in user@1001.service's subtree of a v2 host, which delegates cpu, memory and pids. */
    private Path openDelegated() {
        host = new FakeQemuHost(tmp, root -> {
            FakeCgroupTree t = FakeCgroupTree.v2(root, "cpuset cpu io memory pids");
            t.write("sys/fs/cgroup/" + DELEGATED + "/cgroup.controllers", "cpu memory pids\n");
            t.write("sys/fs/cgroup/" + DELEGATED + "/cgroup.subtree_control", "");
            t.write("sys/fs/cgroup/" + DELEGATED + "/cgroup.procs", "");
            t.write("proc/self/cgroup", "0::/" + DELEGATED + "/app.slice/jvm.scope\n");
            return t;
        }, AS_USER);
        Path delegated = host.cgroups.cgroupRoot().resolve(DELEGATED);
        conn = host.open(access(p -> OptionalLong.of(p.startsWith(delegated) ? UID : 0)));
        return delegated;
    }

    private UUID start(String vcpu, String extra) {
        UUID uuid = conn.domains().define(FakeQemuHost.xml("vm", vcpu, extra)).uuid();
        conn.domains().start(uuid, StartOptions.DEFAULT);
        return uuid;
    }

    @Test
    void withoutACgroupEveryThreadIsPlacedByItsAffinityAlone() {
        openWithoutCgroups();
        UUID uuid = start("<vcpu current='2'>4</vcpu>",
                "<cputune><vcpupin vcpu='0' cpuset='1'/><emulatorpin cpuset='0'/></cputune>");

        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
        long pid = host.qemu().pid();
        assertThat(host.affinity.get(FakeQemuHost.VCPU0)).isEqualTo(CpuSet.of(1));
        assertThat(host.affinity.get(FakeQemuHost.VCPU1)).as("inherits all host CPUs").isEqualTo(CpuSet.range(0, 1));
        assertThat(host.affinity.get(pid)).isEqualTo(CpuSet.of(0));
        assertThat(host.affinity.get(FakeQemuHost.IOTHREAD1)).as("a helper thread is the emulator's")
                .isEqualTo(CpuSet.of(0));
        for (String hierarchy : List.of("cpu", "cpuset", "memory", "pids", "devices")) {
            assertThat(host.cgroups.cgroupRoot().resolve(hierarchy).resolve("machine")).as(hierarchy).doesNotExist();
        }
        LaunchSpec spawn = host.launcher.started().get(0);
        assertThat(spawn.argv()).as("born with the emulator's set").containsSequence("/usr/bin/taskset", "--cpu-list", "0")
                .doesNotContain("/usr/bin/setpriv");
        assertThat(spawn.argv().get(5)).as("no cgroup file to join").isEqualTo("0");
    }

    @Test
    void withoutACgroupALiveEmulatorPinMovesEveryEmulatorThreadAndPincheckShowsNoCpuset() {
        openWithoutCgroups();
        UUID uuid = start("<vcpu current='2'>4</vcpu>", "");

        conn.vcpus().pinEmulator(uuid, CpuSet.of(1), Affect.LIVE);
        conn.vcpus().pinVcpu(uuid, 1, CpuSet.of(0), Affect.LIVE);

        assertThat(host.affinity.get(host.qemu().pid())).isEqualTo(CpuSet.of(1));
        assertThat(host.affinity.get(FakeQemuHost.VCPU2)).as("a thread that is no vCPU (vCPU 2 is offline)")
                .isEqualTo(CpuSet.of(1));
        assertThat(host.affinity.get(FakeQemuHost.VCPU0)).isEqualTo(CpuSet.range(0, 1));
        assertThat(host.affinity.get(FakeQemuHost.VCPU1)).isEqualTo(CpuSet.of(0));
        List<ThreadPlacement> seen = conn.vcpus().threadPlacements(uuid);
        assertThat(seen).isNotEmpty().allSatisfy(t -> assertThat(t.cgroupCpus()).isEmpty());
    }

    @Test
    void withoutACgroupWhatNeedsOneIsRefusedBeforeAnythingStarts() {
        openWithoutCgroups();
        UUID shares = conn.domains().define(FakeQemuHost.xml("vm", "<vcpu>1</vcpu>",
                "<cputune><shares>512</shares></cputune>")).uuid();
        assertThatThrownBy(() -> conn.domains().start(shares, StartOptions.DEFAULT))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED))
                .hasMessageContaining("cputune: <shares> needs the cgroup cpu controller")
                .hasMessageContaining("whose hierarchies belong to root");
        UUID memtune = conn.domains().define(FakeQemuHost.xml("vm2", "<vcpu>1</vcpu>",
                "<memtune><hard_limit unit='MiB'>512</hard_limit></memtune>")).uuid();
        assertThatThrownBy(() -> conn.domains().start(memtune, StartOptions.DEFAULT))
                .hasMessageContaining("<memtune> needs the cgroup memory controller");
        UUID numa = conn.domains().define(FakeQemuHost.xml("vm3", "<vcpu>1</vcpu>",
                "<numatune><memory mode='strict' nodeset='0'/></numatune>")).uuid();
        assertThatThrownBy(() -> conn.domains().start(numa, StartOptions.DEFAULT))
                .hasMessageContaining("numatune: memory node set 0 (cpuset.mems) needs the cgroup cpuset controller");
        assertThat(host.launcher.started()).as("no QEMU was spawned").isEmpty();
    }

    @Test
    void withoutACgroupTheCpuTimeIsQemusOwnAndPerCpuUsageIsRefusedWithTheReason() throws Exception {
        openWithoutCgroups();
        UUID uuid = start("<vcpu current='2'>4</vcpu>", "");
        long pid = host.qemu().pid();
        // QEMU's process times: utime 12 and stime 5 ticks (fields 14 and 15), its start time in field 22
        Files.writeString(host.proc.root().resolve(pid + "/stat"), pid + " (qemu-system-x86) S 1 " + pid + " " + pid
                + " 0 -1 0 0 0 0 0 12 5 0 0 20 0 3 0 " + FakeQemuHost.START_TIME + " 0".repeat(20) + "\n");

        CpuTime t = conn.stats().stats(List.of(uuid), Set.of(StatsGroup.CPU_TOTAL)).get(0).cpu().orElseThrow();
        assertThat(t).isEqualTo(new CpuTime(170_000_000L, 120_000_000L, 50_000_000L));
        assertThatThrownBy(() -> conn.stats().cpuStats(uuid))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT))
                .hasMessageContaining("per-CPU usage needs the cgroup cpuacct controller")
                .hasMessageContaining("whose hierarchies belong to root").hasMessageContaining("domstats --cpu-total");
    }

    @Test
    void inADelegatedSubtreeTheDomainsGroupsAreMadeThereWithWhatItOffers() throws Exception {
        Path delegated = openDelegated();
        start("<vcpu current='2'>4</vcpu>", "<cputune><shares>2048</shares><vcpupin vcpu='0' cpuset='1'/></cputune>");

        Path domain = delegated.resolve("machine/qemu-vm.jvirt-qemu");
        assertThat(Files.readString(domain.resolve("cpu.weight")).strip()).isEqualTo("79");
        assertThat(Files.readString(domain.resolve("vcpu0/cgroup.threads"))).contains(Long.toString(FakeQemuHost.VCPU0));
        assertThat(Files.readString(delegated.resolve("cgroup.subtree_control"))).contains("+cpu").contains("+memory")
                .doesNotContain("cpuset");
        assertThat(host.cgroups.cgroupRoot().resolve("machine")).as("nothing outside the delegation").doesNotExist();
        assertThat(host.affinity.get(FakeQemuHost.VCPU0)).as("no cpuset delegated: the affinity pins")
                .isEqualTo(CpuSet.of(1));
        assertThat(host.launcher.started().get(0).argv()).contains(domain.resolve("cgroup.procs").toString());
    }

    @Test
    void aDelegationThatHoldsTheSessionsOwnProcessIsNotUsed() {
        host = new FakeQemuHost(tmp, root -> {
            FakeCgroupTree t = FakeCgroupTree.v2(root, "cpu memory pids");
            t.write("proc/self/cgroup", "0::/" + DELEGATED + "\n");
            return t;
        }, AS_USER);
        Path delegated = host.cgroups.cgroupRoot().resolve(DELEGATED);
        assertThat(SessionCgroups.open(host.env, UID, Set.of(), p -> OptionalLong.of(p.startsWith(delegated) ? UID : 0))
                .controllers()).isEmpty();
        assertThat(SessionCgroups.open(host.env, UID, Set.of(), p -> OptionalLong.of(0)).controllers())
                .as("nothing delegated").isEmpty();
    }
}
