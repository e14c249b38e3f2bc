package org.jvirt.stats;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A domain's CPU time on one host CPU, in nanoseconds ({@code virsh cpu-stats}): all of its
 * threads, and its vCPU threads alone where it has vCPU threads (not containers).
 */
public record PerCpuTime(int cpu, long cpuTimeNs, OptionalLong vcpuTimeNs) {
    public PerCpuTime {
        Objects.requireNonNull(vcpuTimeNs, "vcpuTimeNs");
    }
}
