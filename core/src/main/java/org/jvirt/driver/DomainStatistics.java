package org.jvirt.driver;

import java.util.List;

import org.jvirt.model.DomainDef;
import org.jvirt.stats.BalloonStats;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.CpuTime;
import org.jvirt.stats.VcpuStat;

/** The capability to tell what a running domain used, from the kernel's accounting. */
public interface DomainStatistics<R> {
    /** CPU time per host CPU (every CPU of the host's map) and in total. */
    CpuStats cpuStats(R runtime, DomainDef live);

    CpuTime cpuTime(R runtime);

    /** Every vCPU 0..maximum-1 of {@code live}; offline ones with state OFFLINE. */
    List<VcpuStat> vcpuStats(R runtime, DomainDef live);

    BalloonStats balloon(R runtime, DomainDef live);
}
