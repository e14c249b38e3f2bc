package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Affect;
import org.jvirt.Autostart;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.host.DomainCapabilitiesQuery;
import org.jvirt.model.CpuSet;
import org.jvirt.stats.StatsGroup;
import org.jvirt.tuning.IothreadParameters;
import org.jvirt.tuning.NumaChange;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * The tuning procedures through jvirtd: real virsh and jvirsh's remote driver, both talking to
 * jvirtd's test driver, print what jvirsh prints on the test driver directly (schedinfo, numatune,
 * autostart, iothreadadd/set/del, cpu-stats, domstats, freecell, nodecpumap, nodecpustats,
 * nodememstats); the remote driver's API calls give the records the driver gives. Needs virsh:
 * skipped without it, failed without it under CI=true.
 */
class TuningThroughJvirtdTest {
    @TempDir
    Path dir;
    private DaemonHarness daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = DaemonHarness.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void virshAndTheRemoteDriverPrintWhatJvirshPrints() throws Exception {
        Path virsh = Tools.virsh();
        String cmds = VirshThroughJvirtdTest.scenario("tuning.cmds");
        String uri = daemon.uri("test:///default");
        Tools.Result v = Tools.run(List.of(virsh.toString(), "-c", uri), cmds, Map.of(), 60);
        String throughVirsh = Tools.virshOutput(v.out());
        String direct = Tools.run(Tools.jvirsh("-c", "test:///default"), cmds, Map.of(), 60).out()
                .replaceAll("\\n+$", "\n");
        String throughRemote;
        try (DaemonHarness fresh = DaemonHarness.start(java.nio.file.Files.createDirectories(dir.resolve("second")))) {
            throughRemote = Tools.run(Tools.jvirsh("-c", fresh.uri("test:///default")), cmds, Map.of(), 60).out()
                    .replaceAll("\\n+$", "\n");
        }
        assertThat(throughVirsh).as("virsh through jvirtd; its errors:\n%s", v.err()).isEqualTo(direct);
        assertThat(throughRemote).isEqualTo(direct);
        assertThat(direct).contains("cpu_shares     : 2048", "emulator_period: 20000", "iothread_quota : 30000",
                "numa_nodeset   : 1", "numa_mode      : interleave", " 4             0-7",
                "thread_pool_max=\"2\"", "\tvcpu_time", "Domain: 'jvd-web'", "vcpu.1.state=1", "CPUs present:",
                "iowait:", "total  :");
        assertThat(v.err()).contains("'vcpu_period' is out of range", "NUMA node 7 is unavailable",
                "cannot find IOThread '9'");
    }

    @Test
    void theRemoteDriverCarriesEveryCall() throws Exception {
        try (Connection c = Jvirt.connect(daemon.uri("test:///default"))) {
            Domain d = c.lookupByName("test");
            d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 300)
                    .with(SchedulerParameter.GLOBAL_QUOTA, 50000), Affect.LIVE);
            assertThat(d.schedulerParameters(Affect.LIVE).get(SchedulerParameter.GLOBAL_QUOTA)).hasValue(50000);
            assertThat(daemon.driver().lookupByName("test").schedulerParameters(Affect.LIVE))
                    .isEqualTo(d.schedulerParameters(Affect.LIVE));
            d.setNumaParameters(NumaChange.nodeset(CpuSet.of(0)), Affect.LIVE);
            assertThat(d.numaParameters(Affect.LIVE).nodeset()).isEqualTo(CpuSet.of(0));
            d.addIothread(2, Affect.LIVE);
            d.setIothreadParameters(2, IothreadParameters.NONE.withPollGrow(4), Affect.LIVE);
            assertThat(d.iothreadInfo(Affect.LIVE)).hasSize(1);
            d.deleteIothread(2, Affect.LIVE);
            d.setAutostart(Autostart.ENABLED);
            assertThat(d.autostart()).isEqualTo(Autostart.ENABLED);
            assertThat(daemon.driver().lookupByName("test").autostart()).isEqualTo(Autostart.ENABLED);
            assertThat(d.cpuStats()).isEqualTo(daemon.driver().lookupByName("test").cpuStats());
            assertThat(d.stats(EnumSet.allOf(StatsGroup.class)))
                    .isEqualTo(daemon.driver().lookupByName("test").stats(EnumSet.allOf(StatsGroup.class)));
            assertThat(c.cellsFreeMemory()).isEqualTo(daemon.driver().cellsFreeMemory());
            assertThat(c.freeMemory()).isEqualTo(daemon.driver().freeMemory());
            assertThat(c.nodeCpuStats(OptionalInt.of(1))).isEqualTo(daemon.driver().nodeCpuStats(OptionalInt.of(1)));
            assertThat(c.nodeMemoryStats(OptionalInt.empty())).isEqualTo(daemon.driver().nodeMemoryStats(OptionalInt.empty()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.domainCapabilities(DomainCapabilitiesQuery.DEFAULT))
                    .hasMessageContaining("virConnectGetDomainCapabilities");
        }
    }
}
