package org.jvirt.driver.qemu.hotplug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.linux.Ticker;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.driver.qemu.monitor.FakeQmpServer;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.driver.qemu.monitor.QmpException;
import org.jvirt.driver.qemu.monitor.QmpListener;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

/** Hotplug and unplug (docs/qemu.md#live-operations) against QEMU 7.2's recorded replies on a real socket. */
class VcpuDevicesTest {
    static final long PID = 25380;
    static final String QHC_PLUGGED = "{\"return\": [{\"props\": {\"core-id\": 0, \"thread-id\": 0, \"socket-id\": 3}, "
            + "\"vcpus-count\": 1, \"type\": \"qemu64-x86_64-cpu\"}, {\"props\": {\"core-id\": 0, \"thread-id\": 0, "
            + "\"socket-id\": 2}, \"vcpus-count\": 1, \"qom-path\": \"/machine/peripheral/vcpu2\", \"type\": "
            + "\"qemu64-x86_64-cpu\"}, {\"props\": {\"core-id\": 0, \"thread-id\": 0, \"socket-id\": 1}, \"vcpus-count\": 1, "
            + "\"qom-path\": \"/machine/unattached/device[2]\", \"type\": \"qemu64-x86_64-cpu\"}, {\"props\": {\"core-id\": 0, "
            + "\"thread-id\": 0, \"socket-id\": 0}, \"vcpus-count\": 1, \"qom-path\": \"/machine/unattached/device[0]\", "
            + "\"type\": \"qemu64-x86_64-cpu\"}]}";
    static final String CPUS_PLUGGED = "{\"return\": [{\"thread-id\": 25384, \"props\": {\"socket-id\": 0}, \"qom-path\": "
            + "\"/machine/unattached/device[0]\", \"cpu-index\": 0}, {\"thread-id\": 25385, \"props\": {\"socket-id\": 1}, "
            + "\"qom-path\": \"/machine/unattached/device[2]\", \"cpu-index\": 1}, {\"thread-id\": 25387, \"props\": "
            + "{\"socket-id\": 2}, \"qom-path\": \"/machine/peripheral/vcpu2\", \"cpu-index\": 2}]}";

    @TempDir
    Path dir;
    FakeQmpServer server;
    QmpClient qmp;

    @BeforeEach
    void start() throws Exception {
        server = new FakeQmpServer(dir.resolve("m.sock")).load("qemu72-boot.replies");
        qmp = QmpClient.connect(server.socket(), Duration.ofSeconds(5), Duration.ofSeconds(5), QmpListener.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        qmp.close();
        server.close();
    }

    @Test
    void entitiesAreSortedBySocketAndMatchedToThreads() {
        VcpuEntities e = VcpuEntities.query(qmp, PID);
        assertThat(e.entities()).extracting(VcpuEntity::vcpu).containsExactly(0, 1, 2, 3);
        assertThat(e.entity(0).tid()).hasValue(25384);
        assertThat(e.entity(1).tid()).hasValue(25385);
        assertThat(e.entity(2).online()).isFalse();
        assertThat(e.entity(1).alias()).isEmpty(); // a -smp vCPU can never be unplugged
        assertThat(e.entity(1).order()).isEqualTo(2);
        assertThat(e.entity(2).props().path("socket-id").asInt()).isEqualTo(2);
    }

    @Test
    void plugSendsTheEntityPropsWithTheAliasAndFindsTheNewThread() throws Exception {
        VcpuEntities before = VcpuEntities.query(qmp, PID);
        server.load("qemu72-hotplug.replies");
        VcpuEntities after = new VcpuDevices(qmp, PID, Ticker.SYSTEM).plug(before, 2);
        var add = server.received().stream().filter(n -> n.path("execute").asText().equals("device_add")).findFirst()
                .orElseThrow().path("arguments");
        assertThat(add.path("driver").asText()).isEqualTo("qemu64-x86_64-cpu");
        assertThat(add.path("id").asText()).isEqualTo("vcpu2");
        assertThat(add.path("socket-id").asInt()).isEqualTo(2);
        assertThat(add.path("core-id").asInt()).isZero();
        assertThat(after.entity(2).tid()).hasValue(25387);
        assertThat(after.entity(2).alias()).hasValue("vcpu2");
        assertThatThrownBy(() -> new VcpuDevices(qmp, PID, Ticker.SYSTEM).plug(after, 1))
                .isInstanceOfSatisfying(VirtException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
    }

    @Test
    void theQueriesGoWithTheDeviceAddAndARefusedPlugLeavesTheMonitorInStep() throws Exception {
        VcpuEntities before = VcpuEntities.query(qmp, PID);
        server.on("device_add", "{\"error\": {\"class\": \"GenericError\", \"desc\": \"CPU[2] with APIC ID 2 exists\"}}");
        int sent = server.received().size();
        assertThatThrownBy(() -> new VcpuDevices(qmp, PID, Ticker.SYSTEM).plug(before, 2))
                .isInstanceOfSatisfying(QmpException.class, e -> assertThat(e.getMessage()).contains("APIC ID 2 exists"));
        assertThat(server.commands().subList(sent, server.commands().size()))
                .containsExactly("device_add", "query-hotpluggable-cpus", "query-cpus-fast");
        // the replies of the queries sent with the failed device_add went nowhere else
        assertThat(qmp.execute("query-status").path("status").asText()).isEqualTo("prelaunch");
        assertThat(VcpuEntities.query(qmp, PID).entity(2).online()).isFalse();
    }

    VcpuEntities plugged() throws Exception {
        server.on("query-hotpluggable-cpus", QHC_PLUGGED).on("query-cpus-fast", CPUS_PLUGGED);
        return VcpuEntities.query(qmp, PID);
    }

    void afterRemovalQemuListsItOffline() throws Exception {
        server.load("qemu72-boot.replies");
    }

    @Test
    void unplugCompletesOnDeviceDeletedForTheAlias() throws Exception {
        VcpuEntities before = plugged();
        server.on("device_del", "{\"return\": {}}",
                "{\"event\": \"DEVICE_DELETED\", \"data\": {\"device\": \"vcpu2\", \"path\": \"/machine/peripheral/vcpu2\"}}");
        server.on("query-hotpluggable-cpus", QHC_PLUGGED.replace(", \"qom-path\": \"/machine/peripheral/vcpu2\"", ""));
        server.on("query-cpus-fast", CPUS_PLUGGED.substring(0, CPUS_PLUGGED.indexOf(", {\"thread-id\": 25387")) + "]}");
        long t0 = System.nanoTime();
        VcpuEntities after = new VcpuDevices(qmp, PID, Ticker.SYSTEM).unplug(before, 2, Duration.ofSeconds(5));
        assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
        assertThat(after.entity(2).online()).isFalse();
        assertThat(server.commands()).contains("device_del");
    }

    @Test
    void unplugCompletesOnTheLapicChildPathAsQemu72SendsIt() throws Exception {
        VcpuEntities before = plugged();
        server.on("device_del", "{\"return\": {}}",
                "{\"event\": \"ACPI_DEVICE_OST\", \"data\": {\"info\": {\"device\": \"vcpu2\", \"status\": 132}}}",
                "{\"event\": \"DEVICE_DELETED\", \"data\": {\"path\": \"/machine/peripheral/vcpu2/lapic\"}}");
        server.on("query-hotpluggable-cpus", QHC_PLUGGED.replace(", \"qom-path\": \"/machine/peripheral/vcpu2\"", ""));
        server.on("query-cpus-fast", CPUS_PLUGGED.substring(0, CPUS_PLUGGED.indexOf(", {\"thread-id\": 25387")) + "]}");
        long t0 = System.nanoTime();
        VcpuEntities after = new VcpuDevices(qmp, PID, Ticker.SYSTEM).unplug(before, 2, Duration.ofSeconds(5));
        assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
        assertThat(after.entity(2).online()).isFalse();
    }

    @Test
    void withoutAnyEventTheReQueryAfterTheTimeoutDecides() throws Exception {
        VcpuEntities before = plugged();
        server.on("device_del", "{\"return\": {}}");
        server.on("query-hotpluggable-cpus", QHC_PLUGGED.replace(", \"qom-path\": \"/machine/peripheral/vcpu2\"", ""));
        server.on("query-cpus-fast", CPUS_PLUGGED.substring(0, CPUS_PLUGGED.indexOf(", {\"thread-id\": 25387")) + "]}");
        long t0 = System.nanoTime();
        VcpuEntities after = new VcpuDevices(qmp, PID, Ticker.SYSTEM).unplug(before, 2, Duration.ofMillis(300));
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(290_000_000L);
        assertThat(after.entity(2).online()).isFalse();
    }

    @Test
    void stillOnlineAfterTheTimeoutIsUnplugTimeout() throws Exception {
        VcpuEntities before = plugged();
        server.on("device_del", "{\"return\": {}}",
                "{\"event\": \"DEVICE_DELETED\", \"data\": {\"device\": \"vcpu3\", \"path\": \"/machine/peripheral/vcpu3\"}}");
        assertThatThrownBy(() -> new VcpuDevices(qmp, PID, Ticker.SYSTEM).unplug(before, 2, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNPLUG_TIMEOUT);
                    assertThat(e.getMessage()).contains("vCPU 2", "300 ms");
                });
    }

    @Test
    void guestErrorAndSmpVcpusAndLegacyAcpiAreRefused() throws Exception {
        VcpuEntities before = plugged();
        assertThatThrownBy(() -> new VcpuDevices(qmp, PID, Ticker.SYSTEM).unplug(before, 1, Duration.ofMillis(100)))
                .hasMessageContaining("cannot be unplugged");
        server.on("device_del", "{\"return\": {}}",
                "{\"event\": \"DEVICE_UNPLUG_GUEST_ERROR\", \"data\": {\"device\": \"vcpu2\", \"path\": \"/machine/peripheral/vcpu2\"}}");
        assertThatThrownBy(() -> new VcpuDevices(qmp, PID, Ticker.SYSTEM).unplug(before, 2, Duration.ofSeconds(5)))
                .hasMessageContaining("refused");
        server.load("qemu72-unplug-errors.replies");
        assertThatThrownBy(() -> new VcpuDevices(qmp, PID, Ticker.SYSTEM).unplug(before, 2, Duration.ofSeconds(5)))
                .hasMessageContaining("not supported device type");
    }

    @Test
    void tcgWithOneThreadForAllVcpusHasNoPerVcpuThreads() throws Exception {
        server.on("query-cpus-fast", "{\"return\": [{\"thread-id\": 77, \"qom-path\": \"/machine/unattached/device[0]\"},"
                + " {\"thread-id\": 77, \"qom-path\": \"/machine/unattached/device[2]\"}]}");
        VcpuEntities e = VcpuEntities.query(qmp, PID);
        assertThat(e.perVcpuThreads()).isFalse();
        assertThat(e.threadIds()).isEmpty();
    }
}
