package org.jvirt.host;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jvirt.model.CpuSet;

/**
 * The host as pinning sees it: a plain value, so tests need no host.
 *
 * @param arch          e.g. {@code x86_64}
 * @param cpuModel      the host CPU model name as nodeinfo prints it
 * @param mhz           nominal CPU frequency
 * @param cells         NUMA cells with their CPUs (a host without NUMA has one cell, id 0)
 * @param online        the CPUs that may be used: "all host CPUs" of docs/pinning.md#which-cpus-a-thread-gets
 * (row 4),
 *                      and the set every resolved pin must stay inside (V24)
 * @param cpuMapWidth   how many CPUs pin maps and affinity printouts span (virsh's
 *                      {@code nodeGetCPUMap} length); pin commands reject CPUs at or above it
 */
public record HostTopology(String arch, String cpuModel, int mhz, List<HostCell> cells, CpuSet online,
                           int cpuMapWidth) {
    public HostTopology {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(cpuModel, "cpuModel");
        cells = List.copyOf(cells);
        Objects.requireNonNull(online, "online");
        if (cpuMapWidth < 0) {
            throw new IllegalArgumentException("negative CPU map width");
        }
    }

    /** Every CPU of every cell. */
    public List<HostCpu> cpus() {
        return cells.stream().flatMap(c -> c.cpus().stream()).toList();
    }

    public int cpuCount() {
        return cells.stream().mapToInt(c -> c.cpus().size()).sum();
    }

    public Optional<HostCell> cell(int id) {
        return cells.stream().filter(c -> c.id() == id).findFirst();
    }

    /** Every CPU of every cell, online or not. */
    public CpuSet allCpus() {
        return CpuSet.of(cpus().stream().mapToInt(HostCpu::id).toArray());
    }

    /** All CPUs of the given cells. */
    public CpuSet cpusOfCells(CpuSet cellIds) {
        CpuSet out = CpuSet.EMPTY;
        for (HostCell c : cells) {
            if (cellIds.contains(c.id())) {
                out = out.union(c.cpuSet());
            }
        }
        return out;
    }

    /** Those of the given cells that have memory. */
    public CpuSet cellsWithMemory(CpuSet cellIds) {
        return CpuSet.of(cells.stream().filter(c -> cellIds.contains(c.id()) && c.memoryKiB() > 0)
                .mapToInt(HostCell::id).toArray());
    }

    public long memoryKiB() {
        return cells.stream().mapToLong(HostCell::memoryKiB).sum();
    }
}
