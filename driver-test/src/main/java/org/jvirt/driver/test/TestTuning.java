package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.jvirt.driver.CpuScheduling;
import org.jvirt.driver.DomainStatistics;
import org.jvirt.driver.IothreadHotplug;
import org.jvirt.driver.NumaMemory;
import org.jvirt.driver.Tuning;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.stats.BalloonStats;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.CpuTime;
import org.jvirt.stats.PerCpuTime;
import org.jvirt.stats.VcpuStat;
import org.jvirt.stats.VcpuState;
import org.jvirt.tuning.IothreadParameters;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;
import org.jvirt.tuning.SchedulerRules;

/**
 * The test driver's run-time tuning, in memory: scheduler parameters are what the live
 * definition says (with the kernel's defaults), memory nodes and I/O threads are recorded in the
 * simulated runtime. The simulation runs no guest, so every CPU time is 0.
 */
final class TestTuning implements CpuScheduling<TestRuntime>, NumaMemory<TestRuntime>,
        IothreadHotplug<TestRuntime>, DomainStatistics<TestRuntime> {
    private final HostTopology host;

    TestTuning(HostTopology host) {
        this.host = host;
    }

    Tuning<TestRuntime> tuning() {
        return Tuning.<TestRuntime>none().withScheduling(this).withNumaMemory(this).withIothreads(this)
                .withStatistics(this);
    }

    @Override
    public Set<SchedulerParameter> parameters() {
        return EnumSet.allOf(SchedulerParameter.class);
    }

    @Override
    public SchedulerParameters read(TestRuntime rt, DomainDef live) {
        return SchedulerRules.applied(live.cputune(), parameters());
    }

    @Override
    public void apply(TestRuntime rt, DomainDef newLive, SchedulerParameters change) {
        // the live definition is the simulated kernel state
    }

    @Override
    public void applyNodeset(TestRuntime rt, DomainDef live, CpuSet nodeset) {
        rt.memoryNodes = nodeset;
    }

    @Override
    public void add(TestRuntime rt, int id, ResolvedSet placement, DomainDef live) {
        rt.iothreadAffinity.put(id, placement.cpus());
    }

    @Override
    public void delete(TestRuntime rt, int id) {
        rt.iothreadAffinity.remove(id);
    }

    @Override
    public void set(TestRuntime rt, int id, IothreadParameters parameters) {
        rt.iothreadParameters.put(id, parameters);
    }

    @Override
    public CpuStats cpuStats(TestRuntime rt, DomainDef live) {
        List<PerCpuTime> per = new ArrayList<>();
        for (int cpu = 0; cpu < host.cpuMapWidth(); cpu++) {
            per.add(new PerCpuTime(cpu, 0, OptionalLong.of(0)));
        }
        return new CpuStats(per, cpuTime(rt));
    }

    @Override
    public CpuTime cpuTime(TestRuntime rt) {
        return new CpuTime(0, 0, 0);
    }

    @Override
    public List<VcpuStat> vcpuStats(TestRuntime rt, DomainDef live) {
        List<VcpuStat> out = new ArrayList<>();
        for (int id = 0; id < live.vcpu().max(); id++) {
            out.add(new VcpuStat(id, rt.vcpuAffinity.containsKey(id) ? VcpuState.RUNNING : VcpuState.OFFLINE, 0, 0, 0));
        }
        return out;
    }

    @Override
    public BalloonStats balloon(TestRuntime rt, DomainDef live) {
        return new BalloonStats(live.memory().currentKiB(), live.memory().memoryKiB(), OptionalLong.empty());
    }
}
