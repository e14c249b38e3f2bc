package org.jvirt.host.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

import org.jvirt.host.HostTopology;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.model.CpuSet;

/**
 * Builds a {@link HostTopology} from facts however they were gathered (a pure function, so both
 * probes share one set of rules):
 * <ul>
 * <li>with NUMA nodes: one cell per node (CPU-less and memory-less nodes included), each CPU in
 *     the cell {@code cellOf} names (cell 0 when it names none); a cell named by {@code cellOf}
 *     but not described by any node gets no memory and no distances;</li>
 * <li>without NUMA nodes: one cell 0 with every CPU, all memory and no distances;</li>
 * <li>a CPU without a known place (offline: the kernel removes its topology directory) gets
 *     socket, die and core -1 and no siblings; it stays in its cell but not in the online set.</li>
 * </ul>
 */
final class TopologyAssembler {
    private TopologyAssembler() {
    }

    static HostTopology assemble(String arch, String cpuModel, int mhz, CpuSet cpus,
                                 IntFunction<Optional<SysfsReader.CpuPlace>> placeOf, Map<Integer, Integer> cellOf,
                                 List<SysfsReader.NodeFacts> nodes, long totalMemoryKiB, CpuSet online,
                                 int cpuMapWidth) {
        TreeMap<Integer, List<HostCpu>> cpusByCell = new TreeMap<>();
        TreeMap<Integer, SysfsReader.NodeFacts> nodeById = new TreeMap<>();
        for (SysfsReader.NodeFacts n : nodes) {
            nodeById.put(n.id(), n);
            cpusByCell.put(n.id(), new ArrayList<>());
        }
        if (nodes.isEmpty()) {
            cpusByCell.put(0, new ArrayList<>());
        }
        cpus.stream().forEach(id -> {
            int cell = nodes.isEmpty() ? 0 : cellOf.getOrDefault(id, 0);
            HostCpu cpu = placeOf.apply(id)
                    .map(p -> new HostCpu(id, p.socketId(), p.dieId(), p.coreId(), p.siblings(), cell))
                    .orElseGet(() -> new HostCpu(id, -1, -1, -1, CpuSet.EMPTY, cell));
            cpusByCell.computeIfAbsent(cell, k -> new ArrayList<>()).add(cpu);
        });
        List<HostCell> cells = new ArrayList<>();
        cpusByCell.forEach((id, cellCpus) -> {
            SysfsReader.NodeFacts node = nodeById.get(id);
            long memory = nodes.isEmpty() ? totalMemoryKiB : node == null ? 0 : node.memoryKiB();
            Map<Integer, Integer> distances = node == null ? Map.of() : node.distances();
            cells.add(new HostCell(id, memory, cellCpus, distances));
        });
        return new HostTopology(arch, cpuModel, mhz, cells, online.intersect(cpus), cpuMapWidth);
    }

    /** {@code virsh}'s CPU map width: highest present CPU + 1, else possible, else known CPUs. */
    static int cpuMapWidth(Optional<CpuSet> present, Optional<CpuSet> possible, CpuSet known) {
        CpuSet basis = present.filter(s -> !s.isEmpty())
                .or(() -> possible.filter(s -> !s.isEmpty()))
                .orElse(known);
        return Math.max(basis.last(), known.last()) + 1;
    }
}
