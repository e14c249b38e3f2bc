package org.jvirt.stats;

/**
 * CPU time a domain used, in nanoseconds: in total, in user mode and in the kernel (the cgroup's
 * accounting: {@code cpuacct.usage} and {@code cpuacct.stat}, or {@code cpu.stat} on cgroup v2).
 */
public record CpuTime(long totalNs, long userNs, long systemNs) {
}
