package org.jvirt.host;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Host memory in KiB ({@code virsh nodememstats}): of the whole host ({@code /proc/meminfo}:
 * buffers and cached too) or of one NUMA cell (its {@code meminfo}: total and free only).
 */
public record NodeMemoryStats(long totalKiB, long freeKiB, OptionalLong buffersKiB, OptionalLong cachedKiB) {
    public NodeMemoryStats {
        Objects.requireNonNull(buffersKiB, "buffersKiB");
        Objects.requireNonNull(cachedKiB, "cachedKiB");
    }
}
