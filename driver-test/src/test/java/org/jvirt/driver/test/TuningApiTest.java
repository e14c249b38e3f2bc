package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvirt.XmlFlag;
import org.jvirt.Affect;
import org.jvirt.Autostart;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.IothreadInfo;
import org.jvirt.Jvirt;
import org.jvirt.StartOptions;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.NumaMode;
import org.jvirt.stats.DomainStats;
import org.jvirt.stats.StatsGroup;
import org.jvirt.stats.StatsSample;
import org.jvirt.stats.VcpuState;
import org.jvirt.tuning.IothreadParameters;
import org.jvirt.tuning.NumaChange;
import org.jvirt.tuning.NumaParameters;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/** The tuning and statistics API through the test driver: in memory, with core's rules. */
class TuningApiTest {
    private static final String XML = "<domain type='test'><name>tun</name><memory>524288</memory>"
            + "<vcpu cpuset='1-2' current='2'>4</vcpu><iothreads>1</iothreads><os><type>hvm</type></os></domain>";

    private final Connection conn = Jvirt.connect("test:///default");

    @AfterEach
    void close() {
        conn.close();
    }

    private Domain running() {
        Domain d = conn.defineXml(XML);
        d.start();
        return d;
    }

    @Test
    void schedulerParametersLiveAndConfig() {
        Domain d = running();
        assertThat(d.schedulerType()).isEqualTo("posix");
        assertThat(d.schedulerParameters(Affect.LIVE).get(SchedulerParameter.CPU_SHARES)).isEqualTo(OptionalLong.of(1024));
        d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 2048)
                .with(SchedulerParameter.VCPU_QUOTA, -9), Affect.LIVE_AND_CONFIG);
        assertThat(d.schedulerParameters(Affect.LIVE).get(SchedulerParameter.CPU_SHARES)).hasValue(2048);
        assertThat(d.schedulerParameters(Affect.CONFIG).get(SchedulerParameter.VCPU_QUOTA)).hasValue(-1);
        assertThat(d.xml(XmlFlag.INACTIVE)).contains("<shares>2048</shares>", "<quota>-1</quota>");
        d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.VCPU_QUOTA, 0), Affect.LIVE_AND_CONFIG);
        assertThat(d.xml(XmlFlag.INACTIVE)).doesNotContain("<quota>");
        assertThat(d.schedulerParameters(Affect.LIVE).get(SchedulerParameter.VCPU_QUOTA)).as("0: unchanged live")
                .hasValue(-1);
    }

    @Test
    void aBadValueChangesNothing() {
        Domain d = running();
        String live = d.xml();
        String config = d.xml(XmlFlag.INACTIVE);
        SchedulerParameters bad = SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 4096)
                .with(SchedulerParameter.VCPU_PERIOD, 2_000_000);
        assertThatThrownBy(() -> d.setSchedulerParameters(bad, Affect.LIVE_AND_CONFIG))
                .isInstanceOf(VirtException.class).hasMessageContaining("'vcpu_period' is out of range [1000, 1000000]");
        assertThatThrownBy(() -> d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.EMULATOR_QUOTA, 999),
                Affect.LIVE)).hasMessageContaining("'emulator_quota' is out of range [1000");
        assertThatThrownBy(() -> d.setNumaParameters(NumaChange.nodeset(CpuSet.of(7)), Affect.LIVE_AND_CONFIG))
                .hasMessageContaining("NUMA node 7 is unavailable");
        assertThat(d.xml()).isEqualTo(live);
        assertThat(d.xml(XmlFlag.INACTIVE)).isEqualTo(config);
    }

    @Test
    void numaPlacementLiveAndConfig() {
        Domain d = running();
        assertThat(d.numaParameters(Affect.LIVE)).isEqualTo(new NumaParameters(NumaMode.STRICT, CpuSet.EMPTY));
        d.setNumaParameters(NumaChange.nodeset(CpuSet.of(1)), Affect.LIVE);
        assertThat(d.numaParameters(Affect.LIVE).nodeset()).isEqualTo(CpuSet.of(1));
        assertThat(d.numaParameters(Affect.CONFIG).nodeset()).isEqualTo(CpuSet.EMPTY);
        assertThatThrownBy(() -> d.setNumaParameters(NumaChange.mode(NumaMode.PREFERRED), Affect.LIVE))
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.OPERATION_INVALID);
        d.setNumaParameters(new NumaChange(Optional.of(NumaMode.INTERLEAVE), Optional.of(CpuSet.parse("0-1"))),
                Affect.CONFIG);
        assertThat(d.xml(XmlFlag.INACTIVE)).contains("<memory mode='interleave' nodeset='0-1'/>");
    }

    @Test
    void iothreadsAtRunTimeInheritTheirPlacement() {
        Domain d = running();
        d.addIothread(4, Affect.LIVE);
        assertThat(d.iothreadInfo(Affect.LIVE)).containsExactly(new IothreadInfo(1, CpuSet.parse("1-2")),
                new IothreadInfo(4, CpuSet.parse("1-2")));
        assertThat(d.iothreadInfo(Affect.CONFIG)).hasSize(1);
        assertThat(d.threadPlacements()).anyMatch(t -> t.name().equals("IO iothread4") && t.affinity().equals(CpuSet.parse("1-2")));
        d.setIothreadParameters(4, IothreadParameters.NONE.withPollMaxNs(32768).withThreadPoolMax(2), Affect.LIVE);
        assertThat(d.xml()).contains("<iothread id='4' thread_pool_max='2'/>");
        d.deleteIothread(1, Affect.LIVE_AND_CONFIG);
        assertThat(d.iothreadInfo(Affect.LIVE)).extracting(IothreadInfo::id).containsExactly(4);
        assertThat(d.iothreadInfo(Affect.CONFIG)).isEmpty();
        assertThatThrownBy(() -> d.deleteIothread(9, Affect.LIVE)).hasMessageContaining("cannot find IOThread '9'");
    }

    @Test
    void autostartIsAMarkOfPersistentDomains() {
        Domain d = conn.defineXml(XML);
        assertThat(d.autostart()).isEqualTo(Autostart.DISABLED);
        d.setAutostart(Autostart.ENABLED);
        assertThat(d.autostart()).isEqualTo(Autostart.ENABLED);
        d.undefine();
        Domain t = conn.createXml(XML, StartOptions.DEFAULT);
        assertThat(t.autostart()).as("undefine drops the mark").isEqualTo(Autostart.DISABLED);
        assertThatThrownBy(() -> t.setAutostart(Autostart.ENABLED)).hasMessageContaining("transient");
    }

    @Test
    void statisticsRecords() {
        Domain d = running();
        DomainStats s = d.stats(EnumSet.allOf(StatsGroup.class));
        assertThat(s.vcpu().orElseThrow().vcpus()).extracting(v -> v.state()).containsExactly(VcpuState.RUNNING,
                VcpuState.RUNNING, VcpuState.OFFLINE, VcpuState.OFFLINE);
        assertThat(s.balloon().orElseThrow().currentKiB()).isEqualTo(524288);
        assertThat(s.fields()).extracting(f -> f.name()).startsWith("state.state", "state.reason", "cpu.time")
                .contains("vcpu.3.state").doesNotContain("vcpu.3.time");
        assertThat(d.cpuStats().perCpu()).hasSize(8);
        List<DomainStats> all = conn.domainStats(conn.listDomains(), EnumSet.of(StatsGroup.STATE));
        assertThat(all).extracting(DomainStats::name).containsExactlyInAnyOrder("test", "tun");
    }

    @Test
    void periodicSamplesEndWhenTheDomainStops() throws Exception {
        Domain d = running();
        List<StatsSample> samples = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        d.statsSamples(Duration.ofMillis(20)).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(StatsSample item) {
                samples.add(item);
                three.countDown();
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(t);
            }

            @Override
            public void onComplete() {
                ended.complete(null);
            }
        });
        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        d.destroy();
        assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(VirtException.class);
        List<StatsSample> got = new ArrayList<>(samples);
        assertThat(got.get(0).elapsed()).isEqualTo(Duration.ZERO);
        assertThat(got.get(1).usage()).extracting(StatsSample.VcpuUsage::vcpu).containsExactly(0, 1);
        assertThat(got.get(1).elapsed()).isPositive();
        assertThatThrownBy(() -> d.statsSamples(Duration.ofMillis(1))).hasMessageContaining("below the minimum");
    }
}
