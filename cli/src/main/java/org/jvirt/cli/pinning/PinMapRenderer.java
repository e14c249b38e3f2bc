package org.jvirt.cli.pinning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.EffectivePinning;

/**
 * {@code pinmap}'s drawing: the host as a tree of cells, sockets, cores and CPUs, each CPU with
 * the domain's threads that may run on it; then the threads that span NUMA cells.
 */
final class PinMapRenderer {
    private PinMapRenderer() {
    }

    static String render(String domain, String affect, HostTopology topo, EffectivePinning pins) {
        StringBuilder out = new StringBuilder();
        out.append("Domain '").append(domain).append("' on ").append(topo.cpuCount()).append(" host CPUs in ")
                .append(topo.cells().size()).append(" NUMA cell(s), ").append(affect).append(" pinning\n");
        List<HostCell> cells = new ArrayList<>(topo.cells());
        cells.sort((a, b) -> Integer.compare(a.id(), b.id()));
        for (HostCell cell : cells) {
            out.append("cell ").append(cell.id()).append('\n');
            Map<Integer, Map<List<Integer>, List<HostCpu>>> sockets = HostLayout.bySocketAndCore(cell.cpus());
            for (var socket : sockets.entrySet()) {
                out.append("  socket ").append(socket.getKey()).append('\n');
                for (var core : socket.getValue().entrySet()) {
                    out.append("    core ").append(core.getKey().get(1)).append('\n');
                    for (HostCpu cpu : core.getValue()) {
                        out.append(String.format(java.util.Locale.ROOT, "      cpu %-4d %s", cpu.id(),
                                threadsOn(cpu.id(), pins, topo.online()))).append('\n');
                    }
                }
            }
        }
        for (PinnedThread p : PinnedThread.all(pins)) {
            CpuSet cellsSpanned = cellsOf(p.cpus(), cells);
            if (cellsSpanned.size() > 1) {
                out.append("note: ").append(p.label()).append(" spans NUMA cells ")
                        .append(cellsSpanned.format()).append('\n');
            }
        }
        out.append("legend: vcpu/iothread ids that may run on each CPU; '-' = none of the domain's threads\n");
        return out.toString();
    }

    private static String threadsOn(int cpu, EffectivePinning pins, CpuSet online) {
        if (!online.isEmpty() && !online.contains(cpu)) {
            return "(offline)";
        }
        List<String> parts = new ArrayList<>();
        ids(PinnedThread.vcpus(pins), cpu).ifPresent(s -> parts.add("vcpu " + s));
        if (pins.emulator().cpus().contains(cpu)) {
            parts.add("emulator");
        }
        ids(PinnedThread.iothreads(pins), cpu).ifPresent(s -> parts.add("iothread " + s));
        return parts.isEmpty() ? "-" : String.join("  ", parts);
    }

    private static java.util.Optional<String> ids(List<PinnedThread> pins, int cpu) {
        CpuSet ids = CpuSet.of(pins.stream().filter(p -> p.cpus().contains(cpu)).mapToInt(PinnedThread::index)
                .toArray());
        return ids.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(ids.format());
    }

    private static CpuSet cellsOf(CpuSet cpus, List<HostCell> cells) {
        return CpuSet.of(cells.stream().filter(c -> c.cpuSet().intersects(cpus)).mapToInt(HostCell::id).toArray());
    }
}
