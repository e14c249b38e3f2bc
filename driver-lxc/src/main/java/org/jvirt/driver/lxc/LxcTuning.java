package org.jvirt.driver.lxc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.jvirt.driver.CpuScheduling;
import org.jvirt.driver.DomainStatistics;
import org.jvirt.driver.NumaMemory;
import org.jvirt.driver.Tuning;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupVersion;
import org.jvirt.linux.cgroup.CpuAccounting;
import org.jvirt.linux.cgroup.CpuBandwidth;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.stats.BalloonStats;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.CpuTime;
import org.jvirt.stats.PerCpuTime;
import org.jvirt.stats.VcpuStat;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * Run-time tuning of a container, through its one cgroup as libvirt's LXC driver has it:
 * {@code cpu_shares}, {@code vcpu_period} and {@code vcpu_quota} (container-wide). The bandwidth
 * stays what the vCPU rule gives (docs/lxc.md, {@link LxcCpu#bandwidth}): a quota set
 * explicitly holds, otherwise the quota is the current vCPU count times the period, so a new
 * period rescales it. Memory nodes are the group's {@code cpuset.mems} (with memory migration on
 * v1). Statistics come from the group's CPU accounting; a container has no vCPU threads.
 */
final class LxcTuning implements CpuScheduling<LxcRuntime>, NumaMemory<LxcRuntime>,
        DomainStatistics<LxcRuntime> {
    private final LxcLifecycle life;
    private final HostTopology host;

    LxcTuning(LxcLifecycle life, HostTopology host) {
        this.life = life;
        this.host = host;
    }

    Tuning<LxcRuntime> tuning() {
        return Tuning.<LxcRuntime>none().withScheduling(this).withNumaMemory(this).withStatistics(this);
    }

    @Override
    public Set<SchedulerParameter> parameters() {
        return EnumSet.of(SchedulerParameter.CPU_SHARES, SchedulerParameter.VCPU_PERIOD, SchedulerParameter.VCPU_QUOTA);
    }

    private static void requireRunning(LxcRuntime rt) {
        if (rt.instance == null) {
            throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.LXC, "domain '%s' is not running", rt.name);
        }
    }

    @Override
    public SchedulerParameters read(LxcRuntime rt, DomainDef live) {
        CgroupBackend cg = life.cgroups();
        CpuBandwidth bw = cg.cpuBandwidth(rt.cgroup);
        return SchedulerParameters.of(SchedulerParameter.CPU_SHARES, cg.cpuShares(rt.cgroup))
                .with(SchedulerParameter.VCPU_PERIOD, bw.periodUs()).with(SchedulerParameter.VCPU_QUOTA, bw.quotaUs());
    }

    @Override
    public void apply(LxcRuntime rt, DomainDef newLive, SchedulerParameters change) {
        CgroupBackend cg = life.cgroups();
        synchronized (rt) {
            requireRunning(rt);
            long oldShares = cg.cpuShares(rt.cgroup);
            CpuBandwidth oldBandwidth = cg.cpuBandwidth(rt.cgroup);
            try {
                if (change.get(SchedulerParameter.VCPU_PERIOD).isPresent()
                        || change.get(SchedulerParameter.VCPU_QUOTA).isPresent()) {
                    cg.setCpuBandwidth(rt.cgroup, LxcCpu.bandwidth(newLive, newLive.vcpu().current()));
                }
                if (change.get(SchedulerParameter.CPU_SHARES).isPresent()) {
                    cg.setCpuShares(rt.cgroup, change.get(SchedulerParameter.CPU_SHARES).getAsLong());
                }
            } catch (VirtException e) {
                try {
                    cg.setCpuBandwidth(rt.cgroup, oldBandwidth);
                    cg.setCpuShares(rt.cgroup, oldShares);
                } catch (VirtException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
            rt.live = newLive;
        }
    }

    @Override
    public void applyNodeset(LxcRuntime rt, DomainDef live, CpuSet nodeset) {
        CgroupBackend cg = life.cgroups();
        synchronized (rt) {
            requireRunning(rt);
            if (cg.version() == CgroupVersion.V1) {
                cg.setMemoryMigrate(rt.cgroup, true);
            }
            cg.setMems(rt.cgroup, nodeset);
            rt.live = live;
        }
    }

    @Override
    public CpuStats cpuStats(LxcRuntime rt, DomainDef live) {
        long[] all = CpuAccounting.perCpu(life.cgroups(), rt.cgroup);
        List<PerCpuTime> per = new ArrayList<>();
        for (int cpu = 0; cpu < host.cpuMapWidth(); cpu++) {
            per.add(new PerCpuTime(cpu, cpu < all.length ? all[cpu] : 0, OptionalLong.empty()));
        }
        return new CpuStats(per, cpuTime(rt));
    }

    @Override
    public CpuTime cpuTime(LxcRuntime rt) {
        CpuAccounting.Usage u = CpuAccounting.usage(life.cgroups(), rt.cgroup);
        return new CpuTime(u.totalNs(), u.userNs(), u.systemNs());
    }

    /** A container has no vCPU threads: only the counts are reported. */
    @Override
    public List<VcpuStat> vcpuStats(LxcRuntime rt, DomainDef live) {
        return List.of();
    }

    @Override
    public BalloonStats balloon(LxcRuntime rt, DomainDef live) {
        return new BalloonStats(live.memory().currentKiB(), live.memory().memoryKiB(), OptionalLong.empty());
    }
}
