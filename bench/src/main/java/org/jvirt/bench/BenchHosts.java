package org.jvirt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;

/** Host topologies for benchmarks: plain values, no host access. */
final class BenchHosts {
    private BenchHosts() {
    }

    /** Two NUMA cells of {@code cpusPerCell} CPUs each (one socket per cell, two threads per core). */
    static HostTopology twoCells(int cpusPerCell) {
        List<HostCell> cells = new ArrayList<>();
        int cpu = 0;
        for (int cell = 0; cell < 2; cell++) {
            List<HostCpu> cpus = new ArrayList<>();
            for (int i = 0; i < cpusPerCell; i++, cpu++) {
                int first = cpu - cpu % 2;
                cpus.add(new HostCpu(cpu, cell, 0, i / 2, CpuSet.range(first, first + 1), cell));
            }
            cells.add(new HostCell(cell, 8L << 20, cpus, Map.of()));
        }
        return new HostTopology("x86_64", "x86_64", 2000, cells, CpuSet.firstN(cpu), cpu);
    }
}
