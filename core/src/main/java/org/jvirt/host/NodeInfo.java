package org.jvirt.host;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code virsh nodeinfo} reports, computed from a {@link HostTopology} with libvirt's rules
 * (libvirt 9, Linux, {@code virHostCPUGetInfoPopulateLinux}):
 * <ul>
 * <li>{@code cpus}: the <em>online</em> CPUs;</li>
 * <li>{@code nodes}: every cell (CPU-less ones included);</li>
 * <li>{@code sockets}: sockets <em>per cell</em> (the largest number of distinct socket ids among
 *     one cell's online CPUs), not sockets of the whole host;</li>
 * <li>{@code cores}: cores per socket (the largest number of distinct core ids among the online
 *     CPUs of one socket within one cell); {@code threads}: threads per core (the largest sibling
 *     count of an online CPU);</li>
 * <li>when {@code nodes * sockets * cores * threads} differs from the number of all CPUs (online
 *     and offline), these four numbers cannot describe the host and libvirt reports 1 node,
 *     1 socket, all CPUs as cores and 1 thread per core: so do we;</li>
 * <li>{@code model} is {@link HostTopology#cpuModel()} (libvirt prints the architecture there),
 *     {@code memoryKiB} the host's total memory (which can differ from the sum of the cells).</li>
 * </ul>
 */
public record NodeInfo(String model, long memoryKiB, int cpus, int mhz, int nodes, int sockets, int cores,
                       int threads) {
    public NodeInfo {
        Objects.requireNonNull(model, "model");
    }

    /** With the sum of the cells' memory as the total. */
    public static NodeInfo of(HostTopology t) {
        return of(t, t.memoryKiB());
    }

    public static NodeInfo of(HostTopology t, long totalMemoryKiB) {
        int online = 0;
        int offline = 0;
        int sockets = 0;
        int cores = 0;
        int threads = 0;
        for (HostCell cell : t.cells()) {
            Map<Integer, Set<Integer>> coresBySocket = new HashMap<>();
            for (HostCpu cpu : cell.cpus()) {
                if (!t.online().contains(cpu.id())) {
                    offline++;
                    continue;
                }
                online++;
                coresBySocket.computeIfAbsent(cpu.socketId(), k -> new HashSet<>()).add(cpu.coreId());
                threads = Math.max(threads, Math.max(1, cpu.siblings().size()));
            }
            sockets = Math.max(sockets, coresBySocket.size());
            cores = Math.max(cores, largest(coresBySocket));
        }
        int nodes = Math.max(1, t.cells().size());
        if ((long) nodes * sockets * cores * threads != online + offline) {
            nodes = 1;
            sockets = 1;
            cores = online + offline;
            threads = 1;
        }
        return new NodeInfo(t.cpuModel(), totalMemoryKiB, online, t.mhz(), nodes, sockets, cores, threads);
    }

    private static int largest(Map<Integer, Set<Integer>> sets) {
        return sets.values().stream().mapToInt(Set::size).max().orElse(0);
    }

    /** The lines {@code virsh nodeinfo} prints (label in 20 columns, a space, the value). */
    public List<String> lines() {
        return List.of(
                line("CPU model:", model),
                line("CPU(s):", Integer.toString(cpus)),
                line("CPU frequency:", mhz + " MHz"),
                line("CPU socket(s):", Integer.toString(sockets)),
                line("Core(s) per socket:", Integer.toString(cores)),
                line("Thread(s) per core:", Integer.toString(threads)),
                line("NUMA cell(s):", Integer.toString(nodes)),
                line("Memory size:", memoryKiB + " KiB"));
    }

    private static String line(String label, String value) {
        return String.format("%-20s %s", label, value);
    }
}
