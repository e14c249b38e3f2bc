package org.jvirt.driver.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.driver.DomainStatistics;
import org.jvirt.driver.qemu.session.NoCgroups;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.ThreadSchedStats;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.CgroupVersion;
import org.jvirt.linux.cgroup.CpuAccounting;
import org.jvirt.model.DomainDef;
import org.jvirt.stats.BalloonStats;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.CpuTime;
import org.jvirt.stats.PerCpuTime;
import org.jvirt.stats.VcpuStat;
import org.jvirt.stats.VcpuState;

/**
 * What a running QEMU used, from the kernel: the domain group's CPU accounting (per host CPU,
 * and the vCPU groups' for {@code vcpu_time}; QEMU's process times where it has no group), each vCPU thread's {@code schedstat} (time on a
 * CPU, time waiting for one) and {@code sched}, and QEMU's resident memory.
 */
final class QemuStatistics implements DomainStatistics<QemuRuntime> {
    private final java.util.function.Supplier<HostTopology> host;
    private final ThreadSchedStats sched;
    private final ProcFs proc;

    QemuStatistics(java.util.function.Supplier<HostTopology> host, ProcFs proc) {
        this.host = host;
        this.proc = proc;
        this.sched = new ThreadSchedStats(proc.root());
    }

    @Override
    public CpuStats cpuStats(QemuRuntime rt, DomainDef live) {
        CgroupBackend b = rt.cgroups.backend();
        if (b instanceof NoCgroups none) {
            throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.QEMU, "per-CPU usage needs the cgroup cpuacct "
                    + "controller, and %s (qemu:///session); the domain's total CPU time is in domstats --cpu-total",
                    none.why());
        }
        long[] all = CpuAccounting.perCpu(b, rt.cgroups.domain());
        long[] vcpus = new long[all.length];
        for (int v : rt.vcpuThreads().keySet()) {
            long[] one = CpuAccounting.perCpu(b, rt.cgroups.vcpu(v));
            for (int i = 0; i < Math.min(one.length, vcpus.length); i++) {
                vcpus[i] += one[i];
            }
        }
        List<PerCpuTime> per = new ArrayList<>();
        for (int cpu = 0; cpu < host.get().cpuMapWidth(); cpu++) {
            per.add(new PerCpuTime(cpu, cpu < all.length ? all[cpu] : 0,
                    java.util.OptionalLong.of(cpu < vcpus.length ? vcpus[cpu] : 0)));
        }
        return new CpuStats(per, cpuTime(rt));
    }

    /**
     * The domain group's accounting; without the controller that keeps it (a session with no
     * cgroup, or cgroup_controllers leaving it out), QEMU's own times as the kernel counts them
     * for the process and all its threads ({@code /proc/PID/stat}).
     */
    @Override
    public CpuTime cpuTime(QemuRuntime rt) {
        CgroupBackend b = rt.cgroups.backend();
        if (!b.has(b.version() == CgroupVersion.V2 ? CgroupController.CPU : CgroupController.CPUACCT)) {
            ProcFs.Stat st = proc.stat(rt.pid, rt.pid).orElseThrow(() -> VirtException.of(ErrorCode.OPERATION_FAILED,
                    ErrorDomain.QEMU, "QEMU process %d of domain '%s' is gone", rt.pid, rt.name));
            return new CpuTime(st.cpuTimeNanos(), st.userNanos(), st.systemNanos());
        }
        CpuAccounting.Usage u = CpuAccounting.usage(b, rt.cgroups.domain());
        return new CpuTime(u.totalNs(), u.userNs(), u.systemNs());
    }

    @Override
    public List<VcpuStat> vcpuStats(QemuRuntime rt, DomainDef live) {
        Map<Integer, Long> tids = rt.vcpuThreads();
        List<VcpuStat> out = new ArrayList<>();
        for (int id = 0; id < live.vcpu().max(); id++) {
            Long tid = tids.get(id);
            if (!live.vcpu().isOnline(id) || tid == null) {
                out.add(new VcpuStat(id, VcpuState.OFFLINE, 0, 0, 0));
                continue;
            }
            Optional<ThreadSchedStats.SchedStat> s = sched.schedstat(rt.pid, tid);
            long time = s.map(ThreadSchedStats.SchedStat::runNs)
                    .orElseGet(() -> proc.stat(rt.pid, tid).map(ProcFs.Stat::cpuTimeNanos).orElse(0L));
            out.add(new VcpuStat(id, VcpuState.RUNNING, time, sched.waitSum(rt.pid, tid).orElse(0),
                    s.map(ThreadSchedStats.SchedStat::runDelayNs).orElse(0L)));
        }
        return out;
    }

    @Override
    public BalloonStats balloon(QemuRuntime rt, DomainDef live) {
        return new BalloonStats(live.memory().currentKiB(), live.memory().memoryKiB(), sched.rssKiB(rt.pid));
    }
}
