package org.jvirt.stats;

import java.util.List;
import java.util.Objects;

/** {@code virsh cpu-stats}: the domain's CPU time per host CPU (every CPU of the host map) and in total. */
public record CpuStats(List<PerCpuTime> perCpu, CpuTime total) {
    public CpuStats {
        perCpu = List.copyOf(perCpu);
        Objects.requireNonNull(total, "total");
    }
}
