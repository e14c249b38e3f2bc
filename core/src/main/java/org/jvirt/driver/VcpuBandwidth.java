package org.jvirt.driver;

import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ResolvedSet;

/**
 * The capability to change a running domain's vCPU count where vCPUs are no devices: the count
 * becomes a CPU bandwidth of the whole domain (containers). Core plans the new live definition
 * with {@link org.jvirt.pinning.VcpuCountPlanner#planCount} and commits it afterwards.
 */
public interface VcpuBandwidth<R> {
    /**
     * Applies {@code newLive}'s current vCPU count.
     *
     * @param allowed the host CPUs the domain may run on, resolved by core (the count may not
     *                exceed them: VCPU_COUNT)
     */
    void applyVcpuCount(R runtime, DomainDef newLive, ResolvedSet allowed);
}
