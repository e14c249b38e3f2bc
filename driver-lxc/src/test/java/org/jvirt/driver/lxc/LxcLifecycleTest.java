package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Affect;
import org.jvirt.DestroyOptions;
import org.jvirt.DomainState;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.StateReason;
import org.jvirt.contract.EventRecorder;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.state.StatusStore;
import org.jvirt.xml.DomainStatus;

/**
 * A container's life on a fake host, without root: the cgroup and its limits before the init,
 * the status, the live vCPU count through core (under the domain's lock file), freeze and thaw,
 * reboots by a job and by the init itself, ends by itself, destroy and a graceful one refused.
 */
class LxcLifecycleTest {
    @TempDir
    Path tmp;

    private FakeLxcHost host;
    private LxcConnection conn;
    private final EventRecorder events = new EventRecorder();

    @BeforeEach
    void open() {
        host = new FakeLxcHost(tmp);
        conn = host.open();
        host.events.publisher().subscribe(events);
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private UUID started(String name, String vcpu) {
        UUID uuid = conn.domains().define(FakeLxcHost.xml(name, vcpu)).domain().uuid();
        conn.domains().start(uuid, StartOptions.DEFAULT);
        return uuid;
    }

    private DomainStatus status(String name) {
        return new StatusStore(host.settings.stateDir()).load(name).orElseThrow();
    }

    private DomainEvent.Stopped stopped(String name) throws InterruptedException {
        return (DomainEvent.Stopped) events.await(e -> e instanceof DomainEvent.Stopped && e.name().equals(name),
                Duration.ofSeconds(10));
    }

    private void assertNothingLeft(String name) {
        assertThat(host.groupExists("cpuset", name)).isFalse();
        assertThat(new StatusStore(host.settings.stateDir()).load(name)).isEmpty();
    }

    @Test
    void aStartWritesEveryLimitBeforeTheInitJoinsAndRecordsIt() {
        started("ct", "<vcpu cpuset='1' current='1'>2</vcpu>");
        long init = host.initPid("ct");
        assertThat(host.read("cpuset", "ct", "cpuset.cpus")).isEqualTo("1");
        assertThat(host.read("cpu", "ct", "cpu.cfs_quota_us")).isEqualTo("100000");
        assertThat(host.read("memory", "ct", "memory.limit_in_bytes")).isEqualTo(Long.toString(64L << 20));
        assertThat(host.read("cpuset", "ct", "cgroup.procs")).isEqualTo(Long.toString(init));
        DomainStatus s = status("ct");
        assertThat(s.pid()).isEqualTo(init);
        assertThat(s.startTime()).isEqualTo(FakeLxcHost.START_TIME + init);
        assertThat(s.attributes()).containsEntry(LxcHypervisor.CPUS, "1")
                .containsEntry(LxcHypervisor.UNSHARE_PID, Long.toString(host.launcher.processes().get(0).pid()));
        assertThat(host.launcher.started().get(0).env()).containsEntry("LIBVIRT_LXC_NAME", "ct");
    }

    @Test
    void theLiveVcpuCountGoesThroughCoreAndRewritesTheQuota() {
        UUID uuid = started("ct", "<vcpu cpuset='0-1' current='1'>2</vcpu>");
        conn.vcpus().setVcpus(uuid, 2, SetVcpusOptions.of(Affect.LIVE));
        assertThat(host.read("cpu", "ct", "cpu.cfs_quota_us")).isEqualTo("200000");
        assertThat(status("ct").live().vcpu().current()).isEqualTo(2);
        assertThatThrownBy(() -> conn.vcpus().setVcpus(uuid, 3, SetVcpusOptions.of(Affect.LIVE)))
                .hasMessageContaining("live maximum is 2");
    }

    @Test
    void theLiveVcpuCountIsBoundedByTheAllowedCpus() {
        UUID uuid = started("ct", "<vcpu cpuset='1' current='1'>2</vcpu>");
        assertThatThrownBy(() -> conn.vcpus().setVcpus(uuid, 2, SetVcpusOptions.of(Affect.LIVE)))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VCPU_COUNT))
                .hasMessageContaining("container wants 2 vCPUs but only 1 host CPUs are allowed");
        assertThat(host.read("cpu", "ct", "cpu.cfs_quota_us")).isEqualTo("100000");
    }

    /**
     * While another jvirt process holds the container's lock file, a live vCPU count waits for it
     * and gives up: it once ran under this JVM's lock only.
     */
    @Test
    void theLiveVcpuCountHoldsTheCrossProcessLock() {
        UUID uuid = started("ct", "<vcpu cpuset='0-1' current='1'>2</vcpu>");
        try (DomainLockFile other = DomainLockFile.acquire(host.settings.stateDir(), "ct", Duration.ZERO)) {
            assertThatThrownBy(() -> conn.vcpus().setVcpus(uuid, 2, SetVcpusOptions.of(Affect.LIVE)))
                    .isInstanceOfSatisfying(VirtException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT))
                    .hasMessageContaining("is busy");
        }
        assertThat(host.read("cpu", "ct", "cpu.cfs_quota_us")).isEqualTo("100000");
        conn.vcpus().setVcpus(uuid, 2, SetVcpusOptions.of(Affect.LIVE));
        assertThat(host.read("cpu", "ct", "cpu.cfs_quota_us")).isEqualTo("200000");
    }

    @Test
    void suspendFreezesAndARebootKeepsThePause() {
        UUID uuid = started("ct", "<vcpu>1</vcpu>");
        conn.domains().suspend(uuid);
        assertThat(host.read("freezer", "ct", "freezer.state")).isEqualTo("FROZEN");
        assertThat(status("ct").state()).isEqualTo(DomainState.PAUSED);
        long first = host.initPid("ct");
        conn.domains().reboot(uuid);
        long second = host.initPid("ct");
        assertThat(second).isNotEqualTo(first);
        assertThat(host.proc.exists(first)).isFalse();
        assertThat(host.read("freezer", "ct", "freezer.state")).isEqualTo("FROZEN");
        assertThat(status("ct").pid()).as("the status names the new init").isEqualTo(second);
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.PAUSED);
        conn.domains().resume(uuid);
        assertThat(host.read("freezer", "ct", "freezer.state")).isEqualTo("THAWED");
    }

    @Test
    void anInitThatRebootsIsStartedAgainAndItsStatusRewritten() throws Exception {
        UUID uuid = started("ct", "<vcpu>1</vcpu>");
        long first = host.initPid("ct");
        host.initExits("ct", ExitStatus.REBOOT_STATUS);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (new StatusStore(host.settings.stateDir()).load("ct").map(s -> s.pid() == first).orElse(true)) {
            assertThat(System.nanoTime()).as("the restarted init's status").isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(status("ct").pid()).isEqualTo(host.initPid("ct")).isNotEqualTo(first);
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void anInitThatEndsIsAShutdownOrACrashAndLeavesNothing() throws Exception {
        started("clean", "<vcpu>1</vcpu>");
        started("crash", "<vcpu>1</vcpu>");
        host.initExits("clean", 0);
        host.initExits("crash", 3);
        assertThat(stopped("clean").reason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(stopped("crash").reason()).isEqualTo(StateReason.CRASHED);
        assertNothingLeft("clean");
        assertNothingLeft("crash");
    }

    @Test
    void aDestroyKillsTheInitAndIsNoCrash() throws Exception {
        UUID uuid = started("ct", "<vcpu>1</vcpu>");
        long init = host.initPid("ct");
        conn.domains().destroy(uuid, DestroyOptions.DEFAULT);
        assertThat(stopped("ct").reason()).isEqualTo(StateReason.DESTROYED);
        assertThat(host.proc.exists(init)).isFalse();
        assertNothingLeft("ct");
    }

    @Test
    void aGracefulDestroyOfAnInitThatIgnoresSigtermLeavesItRunning() {
        UUID uuid = started("ct", "<vcpu>1</vcpu>");
        host.initsIgnoreTerm = true;
        assertThatThrownBy(() -> conn.domains().destroy(uuid, DestroyOptions.GRACEFUL))
                .isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT));
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
        assertThat(host.proc.exists(host.initPid("ct"))).isTrue();
        conn.domains().destroy(uuid, DestroyOptions.DEFAULT);
        assertNothingLeft("ct");
    }
}
