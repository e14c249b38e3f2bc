package org.jvirt.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One periodic sample of a running domain ({@code Domain.statsSamples}): its CPU and vCPU
 * statistics at {@code at}, and per vCPU what it used since the previous sample.
 *
 * @param elapsed time since the previous sample (zero for the first)
 */
public record StatsSample(Instant at, Duration elapsed, DomainStats stats, List<VcpuUsage> usage) {
    public StatsSample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(stats, "stats");
        usage = List.copyOf(usage);
    }

    /**
     * One online vCPU over the last interval: CPU time it ran and time it waited for a host CPU
     * (steal, as the guest sees it), in nanoseconds, and those as fractions of the interval.
     */
    public record VcpuUsage(int vcpu, long cpuNs, long stealNs, double cpuShare, double stealShare) {
    }
}
