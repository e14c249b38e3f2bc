package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Affect;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.cgroup.FakeCgroupTree;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.model.CpuSet;
import org.jvirt.state.StatusStore;

/**
 * Live changes of a running QEMU on a fake host: a hot-plugged vCPU's thread goes to its own group
 * with the set core resolved for it (inherited from {@code <vcpu cpuset>} here), the emulator's
 * memory nodes are put back, the status names the new thread; a plug of several vCPUs overlaps
 * QEMU's steps with the placement and keeps what QEMU accepted when it refuses one; a live pin
 * moves group and affinity.
 */
class QemuLivePlanTest {
    private static final String REFUSED = "{\"error\": {\"class\": \"GenericError\", \"desc\": \"no room for this CPU\"}}";

    @TempDir
    Path tmp;

    private FakeQemuHost host;
    private QemuConnection conn;
    private UUID uuid;

    @BeforeEach
    void start() {
        host = new FakeQemuHost(tmp);
        conn = host.open();
        uuid = conn.domains().define(FakeQemuHost.xml("vm", "<vcpu cpuset='1' current='2'>4</vcpu>",
                "<numatune><memory mode='strict' nodeset='0'/></numatune>")).domain().uuid();
        conn.domains().start(uuid, StartOptions.DEFAULT);
    }

    @AfterEach
    void close() {
        conn.close();
    }

    @Test
    void aPluggedVcpuGetsItsOwnGroupAndTheInheritedSet() throws Exception {
        host.monitor().load("qemu72-hotplug.replies");
        conn.vcpus().setVcpus(uuid, 3, SetVcpusOptions.of(Affect.LIVE));

        Cgroup vcpu2 = FakeQemuHost.group("vm", "vcpu2");
        assertThat(host.read("cpuset", vcpu2, "cpuset.cpus")).isEqualTo("1");
        assertThat(host.read("cpuset", vcpu2, "cpuset.mems")).isEqualTo("0");
        assertThat(host.read("cpuset", vcpu2, "tasks")).contains(Long.toString(FakeQemuHost.VCPU2));
        assertThat(host.affinity.get(FakeQemuHost.VCPU2)).isEqualTo(CpuSet.of(1));
        assertThat(host.read("cpuset", FakeQemuHost.group("vm", "emulator"), "cpuset.mems"))
                .as("widened for the plug, then put back").isEqualTo("0");
        assertThat(host.monitor().commands()).containsSubsequence("device_add", "query-hotpluggable-cpus",
                "query-cpus-fast");
        assertThat(conn.vcpus().vcpuCount(uuid).currentLive()).hasValue(3);
        assertThat(new StatusStore(host.settings.stateDir()).load("vm").orElseThrow().attributes())
                .containsEntry("vcpu.2", Long.toString(FakeQemuHost.VCPU2));
    }

    /**
     * The new vCPU's group is made while QEMU runs the device_add (seen before QEMU answers), and
     * removed again when QEMU never accepts the vCPU.
     */
    @Test
    void aPluggedVcpusGroupIsMadeWhileQemuRunsTheDeviceAdd() throws Exception {
        FakeQemuHost silent = new FakeQemuHost(tmp.resolve("silent"), FakeCgroupTree::hybrid, "monitor_command_timeout = 2000\n");
        QemuConnection c = silent.open();
        try {
            UUID id = c.domains().define(FakeQemuHost.xml("vm", "<vcpu cpuset='1' current='2'>4</vcpu>", ""))
                    .domain().uuid();
            c.domains().start(id, StartOptions.DEFAULT);
            silent.monitor().load("qemu72-hotplug.replies").silence("device_add"); // this QEMU never answers it
            Cgroup vcpu2 = FakeQemuHost.group("vm", "vcpu2");

            CompletableFuture<Void> plug = CompletableFuture.runAsync(
                    () -> c.vcpus().setVcpus(id, 3, SetVcpusOptions.of(Affect.LIVE)));
            long end = System.nanoTime() + 10_000_000_000L;
            // the group's directory is made, then its cpus written: wait for both
            while (!silent.monitor().commands().contains("device_add") || !Files.exists(silent.file("cpuset", vcpu2, ""))
                    || !Files.exists(silent.file("cpuset", vcpu2, "cpuset.cpus"))
                    || silent.read("cpuset", vcpu2, "cpuset.cpus").isEmpty()) {
                assertThat(System.nanoTime()).as("the group made during the device_add").isLessThan(end);
                Thread.sleep(5);
            }
            assertThat(plug).as("QEMU has not answered").isNotDone();
            assertThat(silent.read("cpuset", vcpu2, "cpuset.cpus")).isEqualTo("1");

            assertThatThrownBy(plug::join).hasCauseInstanceOf(VirtException.class)
                    .satisfies(e -> assertThat(((VirtException) e.getCause()).code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT));
            assertThat(silent.file("cpuset", vcpu2, "")).as("removed with the failed plug").doesNotExist();
            assertThat(c.vcpus().vcpuCount(id).currentLive()).hasValue(2);
        } finally {
            c.close();
        }
    }

    @Test
    void aLivePinMovesTheGroupThenTheThread() {
        conn.vcpus().pinVcpu(uuid, 1, CpuSet.of(0), Affect.LIVE);
        assertThat(host.read("cpuset", FakeQemuHost.group("vm", "vcpu1"), "cpuset.cpus")).isEqualTo("0");
        assertThat(host.affinity.get(FakeQemuHost.VCPU1)).isEqualTo(CpuSet.of(0));
        conn.vcpus().pinEmulator(uuid, CpuSet.of(0), Affect.LIVE);
        assertThat(host.read("cpuset", FakeQemuHost.group("vm", "emulator"), "cpuset.cpus")).isEqualTo("0");
        assertThat(host.affinity.get(host.qemu().pid())).isEqualTo(CpuSet.of(0));
        assertThat(new StatusStore(host.settings.stateDir()).load("vm").orElseThrow().live().cputune().vcpuPin(1))
                .isPresent();
    }

    /** QEMU answers a plug of vCPUs 2 and 3; vCPU 3's thread exists. */
    private void twoToFour() throws Exception {
        host.affinity.thread(FakeQemuHost.VCPU3);
        host.monitor().load("qemu72-hotplug-2to4.replies");
    }

    private long deviceAdds() {
        return host.monitor().commands().stream().filter("device_add"::equals).count();
    }

    private Map<String, String> status() {
        return new StatusStore(host.settings.stateDir()).load("vm").orElseThrow().attributes();
    }

    private void assertPlaced(int vcpu, long tid) {
        Cgroup group = FakeQemuHost.group("vm", "vcpu" + vcpu);
        assertThat(host.read("cpuset", group, "cpuset.cpus")).isEqualTo("1");
        assertThat(host.read("cpuset", group, "tasks")).contains(Long.toString(tid));
        assertThat(host.affinity.get(tid)).isEqualTo(CpuSet.of(1));
    }

    /**
     * A plug of several vCPUs (2 -> 4): the next vCPU's {@code device_add} goes out once QEMU
     * accepted the previous one, before that one's thread is placed.
     */
    @Test
    void theNextDeviceAddGoesOutBeforeThePreviousThreadIsPlaced() throws Exception {
        twoToFour();
        AtomicBoolean sentMeanwhile = new AtomicBoolean();
        host.beforeAffinity = tid -> {
            if (tid == FakeQemuHost.VCPU2) {
                // not a timing: without the overlap the second device_add never comes while vCPU 2 waits here
                long end = System.nanoTime() + 5_000_000_000L;
                while (deviceAdds() < 2 && System.nanoTime() - end < 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                sentMeanwhile.set(deviceAdds() == 2);
            }
        };

        conn.vcpus().setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE));

        assertThat(sentMeanwhile).as("vCPU 3's device_add sent while vCPU 2's thread was being placed").isTrue();
        assertThat(host.monitor().commands()).containsSubsequence("device_add", "query-hotpluggable-cpus",
                "query-cpus-fast", "device_add", "query-hotpluggable-cpus", "query-cpus-fast");
        assertPlaced(2, FakeQemuHost.VCPU2);
        assertPlaced(3, FakeQemuHost.VCPU3);
        assertThat(host.read("cpuset", FakeQemuHost.group("vm", "emulator"), "cpuset.mems"))
                .as("widened for the plug, then put back").isEqualTo("0");
        assertThat(conn.vcpus().vcpuCount(uuid).currentLive()).hasValue(4);
        assertThat(status()).containsEntry("vcpu.2", Long.toString(FakeQemuHost.VCPU2))
                .containsEntry("vcpu.3", Long.toString(FakeQemuHost.VCPU3));
    }

    /** A refused vCPU leaves the ones after it untouched and keeps the ones before it. */
    @Test
    void aRefusedFirstVcpuLeavesTheNextUnsent() throws Exception {
        twoToFour();
        host.monitor().on("device_add", REFUSED);

        assertThatThrownBy(() -> conn.vcpus().setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE)))
                .isInstanceOf(VirtException.class).hasMessageContaining("no room for this CPU");

        assertThat(deviceAdds()).as("vCPU 3 not attempted").isOne();
        assertThat(host.file("cpuset", FakeQemuHost.group("vm", "vcpu2"), "")).doesNotExist();
        assertThat(host.file("cpuset", FakeQemuHost.group("vm", "vcpu3"), "")).doesNotExist();
        assertThat(conn.vcpus().vcpuCount(uuid).currentLive()).hasValue(2);
        assertThat(status()).doesNotContainKeys("vcpu.2", "vcpu.3");
    }

    @Test
    void aRefusedSecondVcpuKeepsTheFirstPlacedAndInTheStatus() throws Exception {
        twoToFour();
        host.monitor().on("device_add", "{\"return\": {}}").then("device_add", REFUSED);

        assertThatThrownBy(() -> conn.vcpus().setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE)))
                .isInstanceOf(VirtException.class).hasMessageContaining("no room for this CPU");

        assertPlaced(2, FakeQemuHost.VCPU2);
        assertThat(host.file("cpuset", FakeQemuHost.group("vm", "vcpu3"), "")).as("removed with the refusal")
                .doesNotExist();
        assertThat(conn.vcpus().vcpuCount(uuid).currentLive()).hasValue(3);
        assertThat(status()).containsEntry("vcpu.2", Long.toString(FakeQemuHost.VCPU2)).doesNotContainKey("vcpu.3");
        assertThat(new StatusStore(host.settings.stateDir()).load("vm").orElseThrow().live().vcpu().current())
                .isEqualTo(3);
        assertThat(host.read("cpuset", FakeQemuHost.group("vm", "emulator"), "cpuset.mems")).isEqualTo("0");
    }

    /**
     * vCPU 2's thread cannot be placed after vCPU 3's device_add went out: vCPU 2 is not counted,
     * vCPU 3 (which QEMU plugged) is placed and counted, and the call reports vCPU 2's failure.
     */
    @Test
    void aVcpuThatCannotBePlacedIsNotCountedAndTheOneAlreadySentIsPlaced() throws Exception {
        twoToFour();
        host.beforeAffinity = tid -> {
            if (tid == FakeQemuHost.VCPU2) {
                throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "thread %d: Invalid argument", tid);
            }
        };

        assertThatThrownBy(() -> conn.vcpus().setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE)))
                .isInstanceOf(VirtException.class).hasMessageContaining("thread " + FakeQemuHost.VCPU2);

        assertThat(deviceAdds()).isEqualTo(2);
        assertPlaced(3, FakeQemuHost.VCPU3);
        assertThat(conn.vcpus().vcpuCount(uuid).currentLive()).hasValue(3);
        assertThat(status()).containsEntry("vcpu.3", Long.toString(FakeQemuHost.VCPU3));
    }
}
