package org.jvirt.driver;

import java.util.Objects;

import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ResolvedSet;

/**
 * One vCPU to bring online.
 *
 * @param vcpu      its id
 * @param placement where its thread may run and why (a stored pin, numad, {@code <vcpu cpuset>},
 *                  all host CPUs), resolved by core's {@link org.jvirt.pinning.PinningResolver}
 * @param live      the live definition before the plan (its cputune: the vCPU's bandwidth)
 */
public record VcpuPlug(int vcpu, ResolvedSet placement, DomainDef live) {
    public VcpuPlug {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(live, "live");
    }
}
