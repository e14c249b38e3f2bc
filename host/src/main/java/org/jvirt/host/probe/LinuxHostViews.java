package org.jvirt.host.probe;

import java.util.List;
import java.util.OptionalInt;

import org.jvirt.host.NodeCpuStats;
import org.jvirt.host.NodeMemoryStats;
import org.jvirt.spi.HostOps;

/** The host views of a driver on this Linux host ({@code freecell}, {@code nodecpustats}, {@code nodememstats}), from {@link #nodeStats()}. */
public interface LinuxHostViews extends HostOps {
    /** Where the host's CPU time and memory are read. */
    NodeStatsReader nodeStats();

    @Override
    default long freeMemoryBytes() {
        return nodeStats().freeBytes();
    }

    @Override
    default List<Long> cellsFreeMemoryBytes() {
        return nodeStats().cellsFreeBytes();
    }

    @Override
    default NodeCpuStats cpuStats(OptionalInt cpu) {
        return nodeStats().cpu(cpu);
    }

    @Override
    default NodeMemoryStats memoryStats(OptionalInt cell) {
        return nodeStats().memory(cell);
    }
}
