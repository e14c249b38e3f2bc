package org.jvirt.stats;

/**
 * A domain's CPU time on one host CPU, in nanoseconds ({@code virsh cpu-stats}): all of its
 * threads, and its vCPU threads alone.
 */
public record PerCpuTime(int cpu, long cpuTimeNs, long vcpuTimeNs) {
}
