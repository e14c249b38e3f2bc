package org.jvirt.host;

import java.util.Objects;

import org.jvirt.model.CpuSet;

/**
 * What numad advised for a placement='auto' domain (docs/pinning.md#placementauto-and-numad): a set of host
 * NUMA nodes.
 * It is kept in the run-time status so a reconnect does not ask numad again.
 *
 * @param nodeset the host NUMA node ids numad printed (e.g. {@code 0})
 */
public record NumadAdvice(CpuSet nodeset) {
    public NumadAdvice {
        Objects.requireNonNull(nodeset, "nodeset");
    }

    /**
     * The numad CPU set: every CPU of the advised nodes that is online. libvirt takes the CPUs of
     * the nodes from its capabilities, whose per-node CPU lists only hold online CPUs, so an
     * offline CPU is never part of the advice.
     */
    public CpuSet cpus(HostTopology host) {
        return host.cpusOfCells(nodeset).intersect(host.online());
    }

    /**
     * The numad memory node set: those advised nodes that have memory. Used for
     * {@code cpuset.mems} when numatune mode is strict or restrictive.
     */
    public CpuSet memoryNodes(HostTopology host) {
        return host.cellsWithMemory(nodeset);
    }
}
