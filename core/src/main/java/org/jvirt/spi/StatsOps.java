package org.jvirt.spi;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jvirt.stats.CpuStats;
import org.jvirt.stats.DomainStats;
import org.jvirt.stats.StatsGroup;

/** A domain's statistics, as a driver implements them. */
public interface StatsOps {
    CpuStats cpuStats(UUID uuid);

    /** One record per domain of {@code uuids}, in that order. */
    List<DomainStats> stats(List<UUID> uuids, Set<StatsGroup> groups);
}
