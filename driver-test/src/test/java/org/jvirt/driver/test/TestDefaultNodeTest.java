package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.DomainState;
import org.jvirt.Jvirt;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.NodeInfo;
import org.jvirt.model.CpuSet;

/** test:///default looks like libvirt's test driver seen through virsh. */
class TestDefaultNodeTest {
    private Connection conn;

    @BeforeEach
    void open() {
        conn = Jvirt.connect("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    @Test
    void hasOneRunningPersistentDomainNamedTest() {
        List<Domain> all = conn.listDomains();
        assertThat(all).extracting(Domain::name).containsExactly("test");
        Domain d = all.get(0);
        assertThat(d.uuid()).hasToString("6695eb01-f6a4-8304-79aa-97f2502e193f");
        assertThat(d.isActive()).isTrue();
        assertThat(d.isPersistent()).isTrue();
        assertThat(d.id()).hasValue(1);
        DomainInfo info = d.info();
        assertThat(info.state()).isEqualTo(DomainState.RUNNING);
        assertThat(info.maxMemoryKiB()).isEqualTo(8388608);
        assertThat(info.memoryKiB()).isEqualTo(2097152);
        assertThat(info.vcpus()).isEqualTo(2);
        assertThat(d.xml()).startsWith("<domain type='test' id='1'>").contains("<source file='/guest/diskimage1'/>")
                .contains("<mac address='aa:bb:cc:dd:ee:ff'/>");
    }

    @Test
    void hostIs16CpusIn2CellsButPinsSpan8() {
        NodeInfo n = conn.nodeInfo();
        assertThat(n.cpus()).isEqualTo(16);
        assertThat(n.nodes()).isEqualTo(2);
        assertThat(n.sockets()).isEqualTo(2);
        assertThat(n.cores()).isEqualTo(2);
        assertThat(n.threads()).isEqualTo(2);
        assertThat(n.mhz()).isEqualTo(1400);
        assertThat(n.memoryKiB()).isEqualTo(3145728);
        assertThat(conn.hostTopology().cpuMapWidth()).isEqualTo(8);
        Domain d = conn.lookupByName("test");
        assertThat(d.vcpuPinInfo(Affect.CURRENT)).containsExactly(CpuSet.range(0, 7), CpuSet.range(0, 7));
        assertThat(d.emulatorPinInfo(Affect.CURRENT)).isEqualTo(CpuSet.range(0, 7));
        // beyond the pin map: a live pin gets HOST_CPU, as a start would; the config alone INVALID_ARG
        assertThatThrownBy(() -> d.pinVcpu(0, CpuSet.of(9), Affect.LIVE)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.HOST_CPU));
        assertThatThrownBy(() -> d.pinVcpu(0, CpuSet.of(9), Affect.CONFIG)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        assertThat(conn.capabilitiesXml()).contains("<cells num='2'>").contains("<cpus num='8'>");
        assertThat(conn.hypervisorType()).isEqualTo("TEST");
    }

    @Test
    void everyConnectionHasItsOwnState() {
        try (Connection other = Jvirt.connect("test:///default")) {
            conn.lookupByName("test").destroy();
            assertThat(other.lookupByName("test").isActive()).isTrue();
            conn.defineXml("<domain type='test'><name>only-here</name><memory>1024</memory><os><type>hvm</type></os></domain>");
            assertThatThrownBy(() -> other.lookupByName("only-here")).isInstanceOf(VirtException.class);
        }
    }

    @Test
    void readOnlyConnectionsRefuseChanges() {
        try (Connection ro = Jvirt.connect("test:///default", org.jvirt.connect.ConnectOptions.READ_ONLY)) {
            Domain d = ro.lookupByName("test");
            assertThat(d.vcpuPinInfo(Affect.LIVE)).hasSize(2);
            assertThatThrownBy(d::destroy).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_DENIED));
            assertThat(d.isActive()).isTrue();
        }
    }

    @Test
    void closedConnectionsRefuseCalls() {
        Domain d = conn.lookupByName("test");
        conn.close();
        assertThatThrownBy(d::state).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONN));
    }
}
