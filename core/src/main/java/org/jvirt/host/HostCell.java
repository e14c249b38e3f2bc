package org.jvirt.host;

import java.util.ArrayList;
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

    /**
     * A cell of {@code sockets} x {@code cores} x {@code threads} CPUs numbered in order from
     * {@code firstCpu} (socket by socket, core by core, thread by thread; a core's threads are
     * siblings), its sockets numbered from {@code firstSocket}, distances unknown.
     */
    public static HostCell uniform(int id, long memoryKiB, int firstCpu, int firstSocket, int sockets, int cores,
                                   int threads) {
        List<HostCpu> cpus = new ArrayList<>(sockets * cores * threads);
        int next = firstCpu;
        for (int s = 0; s < sockets; s++) {
            for (int core = 0; core < cores; core++) {
                CpuSet siblings = CpuSet.range(next, next + threads - 1);
                for (int t = 0; t < threads; t++) {
                    cpus.add(new HostCpu(next++, firstSocket + s, 0, core, siblings, id));
                }
            }
        }
        return new HostCell(id, memoryKiB, cpus, Map.of());
    }

    public CpuSet cpuSet() {
        return CpuSet.of(cpus.stream().mapToInt(HostCpu::id).toArray());
    }
}
