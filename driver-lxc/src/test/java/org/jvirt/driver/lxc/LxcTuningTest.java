package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.EnumSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupVersion;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.model.CpuSet;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.DomainStats;
import org.jvirt.stats.PerCpuTime;
import org.jvirt.stats.StatsGroup;
import org.jvirt.tuning.NumaChange;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * Real containers: scheduler parameters and memory nodes changed live land in the container's
 * cgroup files (read here as the kernel shows them: cpu.shares/cpu.weight, cpu.cfs_*_us/cpu.max,
 * cpuset.mems), consistently with the vCPU-count bandwidth rule; CPU statistics agree with the
 * group's accounting read around them.
 */
class LxcTuningTest extends RealContainerSupport {
    private static final String SLEEP = os("/bin/sleep", "1000");

    @BeforeAll
    static void setUp() throws Exception {
        host = LxcTestHost.create(Files.createTempDirectory("jvit-lxc-"));
        cg = LxcTestHost.backend();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @BeforeEach
    void open() {
        conn = host.connect();
    }

    @AfterEach
    void close() {
        try {
            for (Domain d : conn.listDomains()) {
                if (d.isActive()) {
                    d.destroy();
                }
            }
        } finally {
            conn.close();
            LxcTestHost.sweep();
        }
    }

    private static String file(Cgroup g, CgroupController c, String name) throws Exception {
        return Files.readString(cg.controlFile(c, g, name)).strip();
    }

    /** The bandwidth as the kernel shows it: "QUOTA PERIOD" (v1 from its two files). */
    private static String bandwidth(Cgroup g) throws Exception {
        if (cg.version() == CgroupVersion.V2) {
            return file(g, CgroupController.CPU, "cpu.max");
        }
        return file(g, CgroupController.CPU, "cpu.cfs_quota_us") + " " + file(g, CgroupController.CPU, "cpu.cfs_period_us");
    }

    private static String shares(Cgroup g) throws Exception {
        return cg.version() == CgroupVersion.V2 ? file(g, CgroupController.CPU, "cpu.weight")
                : file(g, CgroupController.CPU, "cpu.shares");
    }

    @Test
    void schedulerParametersFollowTheVcpuRule() throws Exception {
        String name = name("sched");
        Domain d = define(name, "<vcpu cpuset='0-1' current='1'>2</vcpu>", SLEEP);
        d.start();
        Cgroup g = group(name);
        assertThat(bandwidth(g)).isEqualTo("100000 100000");
        d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 512)
                .with(SchedulerParameter.VCPU_PERIOD, 50000), Affect.LIVE);
        assertThat(shares(g)).isEqualTo(cg.version() == CgroupVersion.V2 ? "20" : "512");
        assertThat(bandwidth(g)).as("quota = 1 vCPU x the new period").isEqualTo("50000 50000");
        d.setVcpus(2, SetVcpusOptions.of(Affect.LIVE));
        assertThat(bandwidth(g)).isEqualTo("100000 50000");
        d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.VCPU_QUOTA, 30000), Affect.LIVE);
        assertThat(bandwidth(g)).as("an explicit quota holds").isEqualTo("30000 50000");
        d.setVcpus(1, SetVcpusOptions.of(Affect.LIVE));
        assertThat(bandwidth(g)).isEqualTo("30000 50000");
        assertThat(d.schedulerParameters(Affect.LIVE).get(SchedulerParameter.VCPU_QUOTA)).hasValue(30000);
        assertThat(d.xml()).contains("<period>50000</period>", "<quota>30000</quota>", "<shares>512</shares>");

        assertThatThrownBy(() -> d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.VCPU_QUOTA, 999),
                Affect.LIVE)).hasMessageContaining("'vcpu_quota' is out of range [1000");
        assertThatThrownBy(() -> d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.VCPU_PERIOD,
                1_000_001), Affect.LIVE)).hasMessageContaining("'vcpu_period' is out of range [1000, 1000000]");
        assertThatThrownBy(() -> d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.EMULATOR_PERIOD,
                5000), Affect.LIVE)).hasMessageContaining("invalid scheduler option: emulator_period");
        assertThat(bandwidth(g)).isEqualTo("30000 50000");
        assertThatThrownBy(() -> d.iothreadInfo(Affect.CONFIG)).hasMessageContaining("not supported");
        assertThatThrownBy(() -> d.addIothread(1, Affect.LIVE)).hasMessageContaining("not supported");
    }

    @Test
    void memoryNodesAndStatistics() throws Exception {
        String name = name("numa");
        Domain d = define(name, "<vcpu cpuset='0-1'>1</vcpu>", SLEEP);
        d.start();
        Cgroup g = group(name);
        d.setNumaParameters(NumaChange.nodeset(CpuSet.of(0)), Affect.LIVE);
        assertThat(file(g, CgroupController.CPUSET, "cpuset.mems")).isEqualTo("0");
        if (cg.version() == CgroupVersion.V1) {
            assertThat(file(g, CgroupController.CPUSET, "cpuset.memory_migrate")).isEqualTo("1");
        }
        assertThatThrownBy(() -> d.setNumaParameters(NumaChange.nodeset(CpuSet.of(9)), Affect.LIVE))
                .hasMessageContaining("NUMA node 9 is unavailable");
        assertThat(file(g, CgroupController.CPUSET, "cpuset.mems")).isEqualTo("0");

        if (cg.version() == CgroupVersion.V1) {
            long before = Long.parseLong(file(g, CgroupController.CPUACCT, "cpuacct.usage"));
            CpuStats s = d.cpuStats();
            long after = Long.parseLong(file(g, CgroupController.CPUACCT, "cpuacct.usage"));
            assertThat(s.total().totalNs()).isBetween(before, after);
            assertThat(s.perCpu().stream().mapToLong(PerCpuTime::cpuTimeNs).sum()).isBetween(before, after);
            assertThat(s.perCpu()).allMatch(p -> p.vcpuTimeNs().isEmpty());
        }
        DomainStats st = d.stats(EnumSet.allOf(StatsGroup.class));
        assertThat(st.vcpu().orElseThrow().current()).isEqualTo(1);
        assertThat(st.cpu()).isPresent();
        assertThat(st.fields()).extracting(f -> f.name()).contains("cpu.time", "vcpu.current", "balloon.current")
                .doesNotContain("vcpu.0.state");
    }
}
