package org.jvirt.stats;

import java.util.Objects;

/**
 * One vCPU's statistics ({@code vcpu.N.*} of {@code virsh domstats}), in nanoseconds.
 *
 * @param timeNs  CPU time of its thread ({@code /proc/PID/task/TID/stat} or {@code schedstat})
 * @param waitNs  time it waited for I/O (0 where the driver cannot tell)
 * @param delayNs time it was runnable but waited for a host CPU ({@code schedstat}'s run delay):
 *                what the guest sees as steal time
 */
public record VcpuStat(int vcpu, VcpuState state, long timeNs, long waitNs, long delayNs) {
    public VcpuStat {
        Objects.requireNonNull(state, "state");
    }
}
