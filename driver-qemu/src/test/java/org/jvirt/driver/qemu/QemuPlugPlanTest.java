package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
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
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.model.CpuSet;
import org.jvirt.state.StatusStore;

/**
 * A plug of several vCPUs (2 -> 4) on a fake host: the next vCPU's {@code device_add} goes out
 * once QEMU accepted the previous one, before that one's thread is placed; a refused vCPU leaves
 * the ones after it untouched and keeps the ones before it.
 */
class QemuPlugPlanTest {
    private static final String REFUSED = "{\"error\": {\"class\": \"GenericError\", \"desc\": \"no room for this CPU\"}}";

    @TempDir
    Path tmp;

    private FakeQemuHost host;
    private QemuConnection conn;
    private UUID uuid;

    @BeforeEach
    void start() throws Exception {
        host = new FakeQemuHost(tmp);
        conn = host.open();
        uuid = conn.domains().define(FakeQemuHost.xml("vm", "<vcpu cpuset='1' current='2'>4</vcpu>",
                "<numatune><memory mode='strict' nodeset='0'/></numatune>")).domain().uuid();
        conn.domains().start(uuid, StartOptions.DEFAULT);
        host.affinity.thread(FakeQemuHost.VCPU3);
        host.monitor().load("qemu72-hotplug-2to4.replies");
    }

    @AfterEach
    void close() {
        conn.close();
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

    @Test
    void theNextDeviceAddGoesOutBeforeThePreviousThreadIsPlaced() {
        AtomicBoolean sentMeanwhile = new AtomicBoolean();
        host.beforeAffinity = tid -> {
            if (tid == FakeQemuHost.VCPU2) {
                // not a timing: without the overlap the second device_add never comes while vCPU 2 waits here
                long end = System.nanoTime() + 5_000_000_000L;
                while (deviceAdds() < 2 && System.nanoTime() - end < 0) {
                    Thread.onSpinWait();
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

    @Test
    void aRefusedFirstVcpuLeavesTheNextUnsent() {
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
    void aRefusedSecondVcpuKeepsTheFirstPlacedAndInTheStatus() {
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
    void aVcpuThatCannotBePlacedIsNotCountedAndTheOneAlreadySentIsPlaced() {
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
