package org.jvirt.stats;

import java.util.List;

/** The vCPU group of {@code virsh domstats}: counts, then every vCPU 0..maximum-1. */
public record VcpuStats(int current, int maximum, List<VcpuStat> vcpus) {
    public VcpuStats {
        vcpus = List.copyOf(vcpus);
    }
}
