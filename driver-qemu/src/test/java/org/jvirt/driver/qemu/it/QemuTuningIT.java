package org.jvirt.driver.qemu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.jvirt.XmlFlag;
import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.driver.qemu.RealHost;
import org.jvirt.linux.ProcFs;
import org.jvirt.model.CpuSet;
import org.jvirt.model.NumaMode;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.DomainStats;
import org.jvirt.stats.PerCpuTime;
import org.jvirt.stats.StatsGroup;
import org.jvirt.stats.VcpuStat;
import org.jvirt.tuning.IothreadParameters;
import org.jvirt.tuning.NumaChange;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * Real QEMU (KVM where /dev/kvm exists, else TCG): after each live change of scheduler
 * parameters, memory nodes and I/O threads, the kernel's files (cgroup v1 here: cpu.shares,
 * cpu.cfs_period_us, cpu.cfs_quota_us, cpuset.mems, each thread's cgroup) agree with the
 * definition; statistics agree with /proc and the cgroup files read around them.
 */
class QemuTuningIT extends QemuItBase {
    private static final Path CG = Path.of("/sys/fs/cgroup");

    private static String read(Path p) throws Exception {
        return Files.readString(p).strip();
    }

    private String group(Domain d) {
        return QemuTestEnv.PARTITION + "/qemu-" + d.name() + ".jvirt-qemu";
    }

    private String cpu(Domain d, String sub, String file) throws Exception {
        return read(CG.resolve("cpu").resolve(group(d)).resolve(sub).resolve(file));
    }

    private String cpuset(Domain d, String sub, String file) throws Exception {
        return read(CG.resolve("cpuset").resolve(group(d)).resolve(sub).resolve(file));
    }

    private Map<String, Long> threadsByName(long pid) {
        Map<String, Long> m = new TreeMap<>();
        for (long t : proc.threads(pid)) {
            m.put(ProcFs.ifReadable(() -> proc.threadName(pid, t)).orElse("?"), t);
        }
        return m;
    }

    private Domain start(String name) {
        RealHost.requireRootAndCgroups();
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + name, type(),
                "<vcpu placement='static' cpuset='0-1' current='2'>2</vcpu><iothreads>1</iothreads>",
                "<numatune><memory mode='strict' nodeset='0'/></numatune>"));
        d.start();
        System.out.println("QemuTuningIT on " + (RealHost.kvm() ? "KVM" : "TCG"));
        return d;
    }

    @Test
    void schedulerParametersReachEveryGroup() throws Exception {
        Domain d = start("sched");
        d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 512)
                .with(SchedulerParameter.VCPU_PERIOD, 50000).with(SchedulerParameter.VCPU_QUOTA, 20000)
                .with(SchedulerParameter.EMULATOR_QUOTA, 30000).with(SchedulerParameter.IOTHREAD_QUOTA, 40000),
                Affect.LIVE);
        assertThat(cpu(d, "", "cpu.shares")).isEqualTo("512");
        for (String v : new String[] {"vcpu0", "vcpu1"}) {
            assertThat(cpu(d, v, "cpu.cfs_period_us")).as(v).isEqualTo("50000");
            assertThat(cpu(d, v, "cpu.cfs_quota_us")).as(v).isEqualTo("20000");
        }
        assertThat(cpu(d, "emulator", "cpu.cfs_quota_us")).isEqualTo("30000");
        assertThat(cpu(d, "iothread1", "cpu.cfs_quota_us")).isEqualTo("40000");
        assertThat(cpu(d, "", "cpu.cfs_quota_us")).as("global quota untouched").isEqualTo("-1");
        SchedulerParameters live = d.schedulerParameters(Affect.LIVE);
        assertThat(live.get(SchedulerParameter.CPU_SHARES)).hasValue(512);
        assertThat(live.get(SchedulerParameter.VCPU_QUOTA)).hasValue(20000);
        assertThat(d.xml()).contains("<shares>512</shares>", "<period>50000</period>", "<quota>20000</quota>",
                "<emulator_quota>30000</emulator_quota>", "<iothread_quota>40000</iothread_quota>");
        assertThat(d.xml(XmlFlag.INACTIVE)).doesNotContain("<shares>");

        // refused values change nothing, in the kernel or the definition
        String xml = d.xml();
        assertThatThrownBy(() -> d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 100)
                .with(SchedulerParameter.VCPU_QUOTA, 500), Affect.LIVE)).hasMessageContaining("'vcpu_quota' is out of range");
        assertThatThrownBy(() -> d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.EMULATOR_PERIOD,
                2_000_000), Affect.LIVE)).hasMessageContaining("'emulator_period' is out of range [1000, 1000000]");
        assertThat(cpu(d, "", "cpu.shares")).isEqualTo("512");
        assertThat(cpu(d, "vcpu0", "cpu.cfs_quota_us")).isEqualTo("20000");
        assertThat(d.xml()).isEqualTo(xml);

        // unlimited again, and 0 leaves the kernel alone
        d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.VCPU_QUOTA, -1)
                .with(SchedulerParameter.VCPU_PERIOD, 0), Affect.LIVE);
        assertThat(cpu(d, "vcpu1", "cpu.cfs_quota_us")).isEqualTo("-1");
        assertThat(cpu(d, "vcpu1", "cpu.cfs_period_us")).isEqualTo("50000");
    }

    @Test
    void memoryNodesAndIothreadsAtRunTime() throws Exception {
        Domain d = start("numa");
        d.setNumaParameters(NumaChange.nodeset(CpuSet.of(0)), Affect.LIVE);
        for (String g : new String[] {"", "emulator", "vcpu0", "vcpu1", "iothread1"}) {
            assertThat(cpuset(d, g, "cpuset.mems")).as(g).isEqualTo("0");
        }
        assertThat(cpuset(d, "", "cpuset.memory_migrate")).isEqualTo("1");
        assertThatThrownBy(() -> d.setNumaParameters(NumaChange.nodeset(CpuSet.of(5)), Affect.LIVE))
                .hasMessageContaining("NUMA node 5 is unavailable");
        assertThatThrownBy(() -> d.setNumaParameters(NumaChange.mode(NumaMode.INTERLEAVE), Affect.LIVE))
                .hasMessageContaining("can't change numatune mode for running domain");
        assertThat(cpuset(d, "vcpu0", "cpuset.mems")).isEqualTo("0");

        d.setSchedulerParameters(SchedulerParameters.of(SchedulerParameter.IOTHREAD_QUOTA, 25000), Affect.LIVE);
        d.addIothread(3, Affect.LIVE);
        long pid = pid(d);
        Long tid = threadsByName(pid).get("IO iothread3");
        assertThat(tid).as("QEMU's new I/O thread").isNotNull();
        assertThat(proc.cgroups(pid, tid).get("cpuset")).isEqualTo("/" + group(d) + "/iothread3");
        assertThat(proc.cgroups(pid, tid).get("cpu")).isEqualTo("/" + group(d) + "/iothread3");
        assertThat(proc.cpusAllowed(pid, tid)).as("inherited <vcpu cpuset>").isEqualTo(CpuSet.range(0, 1));
        assertThat(cpuset(d, "iothread3", "cpuset.cpus")).isEqualTo("0-1");
        assertThat(cpuset(d, "iothread3", "cpuset.mems")).isEqualTo("0");
        assertThat(cpu(d, "iothread3", "cpu.cfs_quota_us")).isEqualTo("25000");
        assertThat(d.iothreadInfo(Affect.LIVE)).extracting(i -> i.id()).containsExactly(1, 3);
        d.setIothreadParameters(3, IothreadParameters.NONE.withPollMaxNs(32768).withPollGrow(2), Affect.LIVE);
        d.pinIothread(3, CpuSet.of(1), Affect.LIVE);
        assertThat(proc.cpusAllowed(pid, tid)).isEqualTo(CpuSet.of(1));
        d.deleteIothread(3, Affect.LIVE);
        assertThat(threadsByName(pid)).doesNotContainKey("IO iothread3");
        assertThat(CG.resolve("cpuset").resolve(group(d)).resolve("iothread3")).doesNotExist();
        assertThat(d.xml()).doesNotContain("iothread='3'");
    }

    @Test
    void statisticsAgreeWithTheKernel() throws Exception {
        Domain d = start("stats");
        Thread.sleep(300);
        Path acct = CG.resolve("cpuacct").resolve(group(d));
        long before = Long.parseLong(read(acct.resolve("cpuacct.usage")));
        CpuStats s = d.cpuStats();
        long after = Long.parseLong(read(acct.resolve("cpuacct.usage")));
        assertThat(s.total().totalNs()).isBetween(before, after);
        long perCpu = s.perCpu().stream().mapToLong(PerCpuTime::cpuTimeNs).sum();
        assertThat(perCpu).isBetween(before, after);
        assertThat(s.perCpu()).allMatch(c -> c.vcpuTimeNs().orElseThrow() <= c.cpuTimeNs());
        assertThat(s.total().userNs() + s.total().systemNs()).isPositive();

        long pid = pid(d);
        Map<String, Long> th = threadsByName(pid);
        long tid0 = th.entrySet().stream().filter(e -> e.getKey().startsWith("CPU 0/")).findFirst().orElseThrow()
                .getValue();
        Path schedstat = Path.of("/proc/" + pid + "/task/" + tid0 + "/schedstat");
        long run0 = Long.parseLong(read(schedstat).split(" ")[0]);
        DomainStats st = d.stats(EnumSet.allOf(StatsGroup.class));
        long run1 = Long.parseLong(read(schedstat).split(" ")[0]);
        VcpuStat v0 = st.vcpu().orElseThrow().vcpus().get(0);
        assertThat(v0.timeNs()).isBetween(run0, run1);
        assertThat(st.cpu().orElseThrow().totalNs()).isGreaterThanOrEqualTo(after);
        assertThat(st.balloon().orElseThrow().rssKiB()).isPresent();
        assertThat(st.fields()).extracting(f -> f.name()).contains("vcpu.1.delay", "cpu.user", "balloon.rss");

        // vcpuinfo: the CPU time of /proc/PID/task/TID/stat (ticks) and the CPU it last ran on
        var info = d.vcpuInfo().get(0);
        ProcFs.Stat stat = proc.stat(pid, tid0).orElseThrow();
        assertThat(Math.abs(info.cpuTimeNanos() - stat.cpuTimeNanos())).isLessThanOrEqualTo(100_000_000L);
        assertThat(info.cpu().getAsInt()).isBetween(0, 1);

        String caps = conn.domainCapabilities(org.jvirt.host.DomainCapabilitiesQuery.DEFAULT);
        assertThat(caps).contains("<path>" + RealHost.QEMU + "</path>", "<domain>" + type() + "</domain>",
                "<machine>pc-i440fx-");
    }
}
