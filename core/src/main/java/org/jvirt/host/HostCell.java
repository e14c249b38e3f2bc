package org.jvirt.host;

import java.util.List;
import java.util.Map;

import org.jvirt.model.CpuSet;

/**
 * One host NUMA cell.
 *
 * @param memoryKiB total memory of the cell, 0 for a memory-less node
 * @param distances distance to each cell id (including itself), empty when unknown
 */
public record HostCell(int id, long memoryKiB, List<HostCpu> cpus, Map<Integer, Integer> distances) {
    public HostCell {
        cpus = List.copyOf(cpus);
        distances = Map.copyOf(distances);
    }

    public CpuSet cpuSet() {
        return CpuSet.of(cpus.stream().mapToInt(HostCpu::id).toArray());
    }
}
