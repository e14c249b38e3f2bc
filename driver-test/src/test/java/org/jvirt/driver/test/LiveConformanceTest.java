package org.jvirt.driver.test;

import org.jvirt.XmlFlag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.SetVcpusOptions;
import org.jvirt.VcpuInfo;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ResolvedSet.Reason;

/**
 * The docs/pinning.md conformance cases that need a running domain, through the public API on
 * test:///default (whose pin map is 8 CPUs wide, like the H8 host of the spec).
 */
class LiveConformanceTest {
    private Connection conn;

    @BeforeEach
    void open() {
        conn = Jvirt.connect("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private Domain start(String name, String body) {
        Domain d = conn.defineXml("<domain type='test'><name>" + name + "</name><memory unit='MiB'>128</memory>"
                + body + "<os><type>hvm</type></os></domain>");
        d.start();
        return d;
    }

    private static List<String> sets(List<CpuSet> sets) {
        return sets.stream().map(CpuSet::format).toList();
    }

    private static List<Integer> online(List<VcpuInfo> infos) {
        return infos.stream().map(VcpuInfo::vcpu).toList();
    }

    @Test
    void c07_hotpluggedVcpusInheritTheCpusetOrTheirStoredPin() {
        Domain d = start("c7", "<vcpu cpuset='1-2' current='2'>4</vcpu><cputune><vcpupin vcpu='3' cpuset='6'/></cputune>");
        assertThat(sets(d.vcpuPinInfo(Affect.LIVE))).containsExactly("1-2", "1-2", "1-2", "6");
        assertThat(online(d.vcpuInfo())).containsExactly(0, 1);
        d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
        List<VcpuInfo> info = d.vcpuInfo();
        assertThat(online(info)).containsExactly(0, 1, 2, 3);
        assertThat(info.get(2).affinity()).isEqualTo(CpuSet.parse("1-2"));
        assertThat(info.get(3).affinity()).isEqualTo(CpuSet.of(6));
        assertThat(info.get(2).affinity().toYesNoMap(8)).isEqualTo("-yy-----");
    }

    @Test
    void c22_pinsOfOfflineVcpusSurviveAndTheLivePinStaysLive() {
        Domain d = start("c22", "<vcpu cpuset='1-2' current='2'>4</vcpu><cputune><vcpupin vcpu='3' cpuset='6'/></cputune>");
        d.pinVcpu(1, CpuSet.of(7), Affect.LIVE);
        d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
        d.setVcpus(1, SetVcpusOptions.of(Affect.LIVE));
        assertThat(sets(d.vcpuPinInfo(Affect.LIVE))).containsExactly("1-2", "7", "1-2", "6");
        assertThat(online(d.vcpuInfo())).containsExactly(0);
        assertThat(d.xml(XmlFlag.INACTIVE)).contains("<vcpupin vcpu='3' cpuset='6'/>").doesNotContain("vcpupin vcpu='1'");
        assertThat(d.xml()).contains("<vcpupin vcpu='1' cpuset='7'/>").contains("<vcpupin vcpu='3' cpuset='6'/>");
        assertThat(d.vcpuCount().currentConfig()).hasValue(2);
    }

    @Test
    void c11_autoPlacementUsesNumadForUnpinnedThreads() {
        Domain d = start("c11", "<vcpu placement='auto'>2</vcpu><cputune><vcpupin vcpu='1' cpuset='0'/></cputune>");
        assertThat(d.xml(XmlFlag.INACTIVE)).contains("<memory mode='strict' placement='auto'/>");
        EffectivePinning live = d.effectivePinning(Affect.LIVE);
        assertThat(live.vcpu(0).reason()).isEqualTo(Reason.NUMAD);
        assertThat(live.vcpu(0).cpus()).isEqualTo(CpuSet.range(0, 7));
        assertThat(live.vcpu(1).reason()).isEqualTo(Reason.EXPLICIT_PIN);
        assertThat(live.emulator().reason()).isEqualTo(Reason.NUMAD);
        assertThat(d.effectivePinning(Affect.CONFIG).vcpu(0).reason()).isEqualTo(Reason.ALL_HOST_CPUS);
        d.pinVcpu(0, CpuSet.of(3), Affect.LIVE);
        assertThat(d.effectivePinning(Affect.LIVE).vcpu(0).reason()).isEqualTo(Reason.EXPLICIT_PIN);
        assertThatThrownBy(() -> d.pinEmulator(CpuSet.of(1), Affect.LIVE)).isInstanceOfSatisfying(
                VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED));
    }

    @Test
    void c11b_emulatorpinWithAutoPlacementIsRefusedAtDefine() {
        assertThatThrownBy(() -> start("c11b", "<vcpu placement='auto'>2</vcpu><cputune><emulatorpin cpuset='1'/>"
                + "</cputune>")).isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("numad decides where the emulator runs");
                });
        assertThat(conn.listDomains()).extracting(Domain::name).doesNotContain("c11b");
    }

    @Test
    void c18_cpusBeyondTheHostDefineButAreClippedAndRefusedAtStart() {
        Domain d = conn.defineXml("<domain type='test'><name>c18</name><memory unit='MiB'>128</memory>"
                + "<vcpu cpuset='6-9'>2</vcpu><os><type>hvm</type></os></domain>");
        assertThat(sets(d.vcpuPinInfo(Affect.CONFIG))).containsExactly("6-7", "6-7");
        assertThatThrownBy(d::start).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.HOST_CPU);
            assertThat(e.getMessage()).contains("host CPU 8 does not exist or is offline");
        });
        assertThat(d.isActive()).isFalse();
    }

    @Test
    void c19_iothreadsInheritTheCpusetUnlessPinned() {
        Domain d = start("c19", "<vcpu cpuset='0-1'>2</vcpu><iothreads>2</iothreads>"
                + "<cputune><iothreadpin iothread='1' cpuset='3'/></cputune>");
        assertThat(d.iothreadInfo(Affect.LIVE)).extracting(i -> i.id() + ":" + i.affinity())
                .containsExactly("1:3", "2:0-1");
        d.pinIothread(2, CpuSet.of(5), Affect.LIVE);
        assertThat(d.iothreadInfo(Affect.LIVE)).extracting(i -> i.id() + ":" + i.affinity())
                .containsExactly("1:3", "2:5");
        assertThat(d.iothreadInfo(Affect.CONFIG)).extracting(i -> i.id() + ":" + i.affinity())
                .containsExactly("1:3", "2:0-1");
    }

    @Test
    void c24_pinningToEveryHostCpuIsStoredAsAnExplicitPin() {
        Domain d = start("c24", "<vcpu cpuset='1'>2</vcpu>");
        d.pinVcpu(1, conn.hostTopology().online(), Affect.LIVE);
        assertThat(d.xml()).contains("<vcpupin vcpu='1' cpuset='0-7'/>");
        assertThat(d.effectivePinning(Affect.LIVE).vcpu(1).reason()).isEqualTo(Reason.EXPLICIT_PIN);
        assertThat(d.effectivePinning(Affect.LIVE).vcpu(0).reason()).isEqualTo(Reason.VCPU_CPUSET);
    }

    @Test
    void livePinsOfAnOnlineVcpuReachTheSimulatedThreadAtOnce() {
        Domain d = start("now", "<vcpu>2</vcpu>");
        d.pinVcpu(0, CpuSet.of(4), Affect.LIVE);
        assertThat(d.vcpuInfo().get(0).affinity()).isEqualTo(CpuSet.of(4));
        assertThatThrownBy(() -> d.pinVcpu(0, CpuSet.of(8), Affect.LIVE)).isInstanceOf(VirtException.class);
        assertThat(d.vcpuInfo().get(0).affinity()).isEqualTo(CpuSet.of(4));
    }
}
