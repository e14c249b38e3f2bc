package org.jvirt.host.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;
import org.jvirt.host.NodeCpuStats;
import org.jvirt.host.NodeMemoryStats;

/**
 * The host's CPU time and memory as libvirt's Linux host code reports them: {@code /proc/stat}
 * (user = user + nice, kernel = system + irq + softirq, idle, iowait; USER_HZ ticks as
 * nanoseconds), {@code /proc/meminfo}, and each NUMA node's
 * {@code /sys/devices/system/node/nodeN/meminfo}.
 */
public final class NodeStatsReader {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Path proc;
    private final Path sys;

    public NodeStatsReader(Path procRoot, Path sysRoot) {
        this.proc = procRoot;
        this.sys = sysRoot;
    }

    private static VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, ErrorDomain.HOST, format, args);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.HOST, "cannot read " + f + ": " + IoReason.of(e), e);
        }
    }

    /** Every CPU together, or CPU {@code cpu} (INVALID_ARG when the host has no such CPU). */
    public NodeCpuStats cpu(OptionalInt cpu) {
        String want = cpu.isPresent() ? "cpu" + cpu.getAsInt() : "cpu";
        for (String line : read(proc.resolve("stat")).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[0].equals(want)) {
                long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
                long kernel = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
                return new NodeCpuStats(user * NANOS_PER_TICK, kernel * NANOS_PER_TICK, Long.parseLong(f[4]) * NANOS_PER_TICK,
                        Long.parseLong(f[5]) * NANOS_PER_TICK);
            }
        }
        throw error(ErrorCode.INVALID_ARG, "Invalid cpuNum in virNodeGetCPUStats: %d (no line '%s' in %s)",
                cpu.orElse(-1), want, proc.resolve("stat"));
    }

    /** The whole host ({@code /proc/meminfo}), or NUMA cell {@code cell} (total and free only). */
    public NodeMemoryStats memory(OptionalInt cell) {
        if (cell.isPresent()) {
            Map<String, Long> m = nodeMeminfo(cell.getAsInt());
            return new NodeMemoryStats(m.getOrDefault("MemTotal", 0L), m.getOrDefault("MemFree", 0L),
                    OptionalLong.empty(), OptionalLong.empty());
        }
        Map<String, Long> m = meminfo(read(proc.resolve("meminfo")), false);
        return new NodeMemoryStats(m.getOrDefault("MemTotal", 0L), m.getOrDefault("MemFree", 0L),
                OptionalLong.of(m.getOrDefault("Buffers", 0L)), OptionalLong.of(m.getOrDefault("Cached", 0L)));
    }

    /** Free memory of the host in bytes ({@code MemFree}). */
    public long freeBytes() {
        return meminfo(read(proc.resolve("meminfo")), false).getOrDefault("MemFree", 0L) * 1024;
    }

    /** Free memory of every NUMA node in bytes, by node id; a host without node directories is one node. */
    public List<Long> cellsFreeBytes() {
        TreeMap<Integer, Long> free = new TreeMap<>();
        Path nodes = sys.resolve("devices/system/node");
        try (var dirs = Files.list(nodes)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String n = d.getFileName().toString();
                if (n.matches("node\\d+")) {
                    int id = Integer.parseInt(n.substring(4));
                    free.put(id, nodeMeminfo(id).getOrDefault("MemFree", 0L) * 1024);
                }
            }
        } catch (IOException e) {
            return List.of(freeBytes());
        }
        return free.isEmpty() ? List.of(freeBytes()) : new ArrayList<>(free.values());
    }

    private Map<String, Long> nodeMeminfo(int cell) {
        Path f = sys.resolve("devices/system/node/node" + cell + "/meminfo");
        if (!Files.exists(f)) {
            if (cell == 0 && !Files.isDirectory(sys.resolve("devices/system/node"))) {
                return meminfo(read(proc.resolve("meminfo")), false);
            }
            throw error(ErrorCode.INVALID_ARG, "Invalid cell number %d: the host has no NUMA node %d", cell, cell);
        }
        return meminfo(read(f), true);
    }

    /** {@code Name: N kB} lines (a node's start with {@code Node N }), in KiB. */
    static Map<String, Long> meminfo(String text, boolean node) {
        Map<String, Long> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = node ? line.replaceFirst("^Node\\s+\\d+\\s+", "") : line;
            int colon = l.indexOf(':');
            if (colon > 0) {
                String[] v = l.substring(colon + 1).trim().split("\\s+");
                try {
                    out.put(l.substring(0, colon).trim(), Long.parseLong(v[0]));
                } catch (NumberFormatException e) {
                    // a line that is not a number of kB
                }
            }
        }
        return out;
    }
}
