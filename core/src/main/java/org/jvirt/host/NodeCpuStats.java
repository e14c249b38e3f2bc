package org.jvirt.host;

/**
 * Host CPU time since boot in nanoseconds ({@code virsh nodecpustats}), of all CPUs or of one:
 * user ({@code /proc/stat} user + nice), kernel (system + irq + softirq), idle and iowait.
 */
public record NodeCpuStats(long userNs, long kernelNs, long idleNs, long iowaitNs) {
}
