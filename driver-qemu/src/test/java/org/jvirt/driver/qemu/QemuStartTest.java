package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.DomainState;
import org.jvirt.StartOptions;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.linux.LaunchSpec;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.model.CpuSet;
import org.jvirt.state.StatusStore;
import org.jvirt.xml.DomainStatus;

/**
 * A QEMU start on a fake host, without root or QEMU: every thread in its cgroup with its
 * affinity, the monitor conversation, the status file; and a failed start that leaves nothing.
 */
class QemuStartTest {
    @TempDir
    Path tmp;

    private FakeQemuHost host;
    private QemuConnection conn;

    @BeforeEach
    void open() {
        host = new FakeQemuHost(tmp);
        conn = host.open();
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private UUID define(String vcpu, String extra) {
        return conn.domains().define(FakeQemuHost.xml("vm", vcpu, extra)).domain().uuid();
    }

    @Test
    void aStartPlacesEveryThreadInItsGroupThenItsAffinityAndWritesTheStatus() {
        UUID uuid = define("<vcpu cpuset='1' current='2'>4</vcpu><iothreads>1</iothreads>",
                "<cputune><vcpupin vcpu='1' cpuset='0'/></cputune>");
        conn.domains().start(uuid, StartOptions.DEFAULT);

        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
        Cgroup vcpu0 = FakeQemuHost.group("vm", "vcpu0");
        Cgroup vcpu1 = FakeQemuHost.group("vm", "vcpu1");
        assertThat(host.read("cpuset", vcpu0, "cpuset.cpus")).isEqualTo("1");
        assertThat(host.read("cpuset", vcpu1, "cpuset.cpus")).isEqualTo("0");
        assertThat(host.read("cpuset", FakeQemuHost.group("vm", "emulator"), "cpuset.cpus")).isEqualTo("1");
        assertThat(host.read("cpuset", FakeQemuHost.group("vm", "iothread1"), "cpuset.cpus")).isEqualTo("1");
        assertThat(host.read("cpuset", vcpu0, "tasks")).contains(Long.toString(FakeQemuHost.VCPU0));
        assertThat(host.read("cpu", vcpu1, "tasks")).contains(Long.toString(FakeQemuHost.VCPU1));
        assertThat(host.affinity.get(FakeQemuHost.VCPU0)).isEqualTo(CpuSet.of(1));
        assertThat(host.affinity.get(FakeQemuHost.VCPU1)).isEqualTo(CpuSet.of(0));
        assertThat(host.affinity.get(FakeQemuHost.IOTHREAD1)).isEqualTo(CpuSet.of(1));
        assertThat(host.affinity.get(host.qemu().pid())).as("the emulator's main thread").isEqualTo(CpuSet.of(1));

        assertThat(host.monitor().commands()).containsSubsequence("qmp_capabilities", "query-iothreads",
                "query-hotpluggable-cpus", "query-cpus-fast", "cont");
        LaunchSpec spawn = host.launcher.started().get(0);
        assertThat(spawn.argv()).startsWith("/bin/sh", "-c");
        assertThat(spawn.inheritEnv()).as("QEMU gets exactly its own environment").isFalse();
        assertThat(spawn.env()).containsEntry("LC_ALL", "C");

        DomainStatus s = new StatusStore(host.settings.stateDir()).load("vm").orElseThrow();
        assertThat(s.pid()).isEqualTo(host.qemu().pid());
        assertThat(s.startTime()).isEqualTo(FakeQemuHost.START_TIME);
        assertThat(s.state()).isEqualTo(DomainState.RUNNING);
        assertThat(s.id()).isEqualTo(1);
        assertThat(s.attributes()).containsEntry("vcpu.0", Long.toString(FakeQemuHost.VCPU0))
                .containsEntry("iothread.1", Long.toString(FakeQemuHost.IOTHREAD1))
                .containsEntry("cgroup", FakeQemuHost.group("vm", "").toString());
    }

    @Test
    void aPausedStartSendsNoCont() {
        UUID uuid = define("<vcpu>2</vcpu>", "");
        conn.domains().start(uuid, StartOptions.PAUSED);
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.PAUSED);
        assertThat(host.monitor().commands()).doesNotContain("cont");
    }

    @Test
    void aFailedStartKillsQemuAndLeavesNothingBehind() {
        UUID uuid = define("<vcpu current='2'>4</vcpu>", "");
        host.failingCommand = "query-hotpluggable-cpus";
        assertThatThrownBy(() -> conn.domains().start(uuid, StartOptions.DEFAULT)).isInstanceOf(VirtException.class);

        assertThat(host.qemu().isAlive()).as("the spawned QEMU is killed").isFalse();
        assertThat(host.proc.exists(host.qemu().pid())).isFalse();
        assertThat(host.file("cpuset", FakeQemuHost.group("vm", ""), "")).doesNotExist();
        assertThat(host.file("cpu", FakeQemuHost.group("vm", ""), "")).doesNotExist();
        assertThat(host.settings.stateDir().resolve("vm.d")).doesNotExist();
        assertThat(new StatusStore(host.settings.stateDir()).load("vm")).isEmpty();
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.SHUTOFF);
        host.failingCommand = null;
        conn.domains().start(uuid, StartOptions.DEFAULT); // nothing left in the way
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void aQemuThatEndsBeforeItsMonitorIsReportedWithItsLog() {
        UUID uuid = define("<vcpu>1</vcpu>", "");
        host.failsWith = "qemu-system-x86_64: -drive file=/nonexistent: Could not open '/nonexistent'";
        assertThatThrownBy(() -> conn.domains().start(uuid, StartOptions.DEFAULT))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED))
                .hasMessageContaining("QEMU for domain 'vm' exited during start")
                .hasMessageContaining("Could not open '/nonexistent'");
        assertThat(Files.exists(host.file("cpuset", FakeQemuHost.group("vm", ""), ""))).isFalse();
    }
}
