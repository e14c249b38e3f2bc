package org.jvirt.host.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.host.HostTopology;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.model.CpuSet;

/**
 * On the machine running the tests, both probes must report exactly what /sys says, as read by
 * the straightforward code below (independent of {@link SysfsReader}).
 */
class RealHostProbeTest {
    private static final Path SYS = Path.of("/sys/devices/system");

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isDirectory(SYS.resolve("cpu")), "needs Linux sysfs");
    }

    @Test
    void oshiProbeTopologyEqualsSysfs() throws IOException {
        OshiHostProbe probe = OshiHostProbe.system();
        assertThat(probe.topology()).isEqualTo(expectedTopology());
    }

    @Test
    void sysfsProbeTopologyEqualsSysfs() throws IOException {
        assertThat(new SysfsHostProbe(Path.of("/")).topology()).isEqualTo(expectedTopology());
    }

    @Test
    void memoryAndHostnameMatchProc() throws IOException {
        long memTotal = Long.parseLong(grepFirst(Path.of("/proc/meminfo"), "MemTotal:").replaceAll("\\D", ""));
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        OshiHostProbe oshi = OshiHostProbe.system();
        assertThat(oshi.totalMemoryKiB()).isEqualTo(memTotal);
        assertThat(oshi.nodeInfo().memoryKiB()).isEqualTo(memTotal);
        assertThat(oshi.hostname()).startsWith(hostname);
        SysfsHostProbe sysfs = new SysfsHostProbe(Path.of("/"));
        assertThat(sysfs.totalMemoryKiB()).isEqualTo(memTotal);
        assertThat(sysfs.hostname()).isEqualTo(hostname);
        assertThat(oshi.nodeInfo()).isEqualTo(sysfs.nodeInfo());
        assertThat(oshi.nodeInfo().cpus()).isEqualTo(ids(SYS.resolve("cpu/online")).size());
    }

    // ---------------------------------------------------------------- the plain reading

    private static HostTopology expectedTopology() throws IOException {
        String arch = Files.readString(Path.of("/proc/sys/kernel/arch")).trim();
        TreeSet<Integer> online = ids(SYS.resolve("cpu/online"));
        TreeSet<Integer> present = ids(SYS.resolve("cpu/present"));
        TreeMap<Integer, List<Integer>> cpusOfNode = new TreeMap<>();
        TreeMap<Integer, Long> memOfNode = new TreeMap<>();
        TreeMap<Integer, Map<Integer, Integer>> distOfNode = new TreeMap<>();
        Path nodeDir = SYS.resolve("node");
        if (Files.isDirectory(nodeDir)) {
            TreeSet<Integer> nodes = ids(nodeDir.resolve("online"));
            List<Integer> order = new ArrayList<>(nodes);
            for (int n : nodes) {
                Path d = nodeDir.resolve("node" + n);
                cpusOfNode.put(n, new ArrayList<>(ids(d.resolve("cpulist"))));
                memOfNode.put(n, Long.parseLong(grepFirst(d.resolve("meminfo"), "MemTotal:")
                        .replaceAll(".*MemTotal:\\s*(\\d+) kB.*", "$1")));
                String[] dist = Files.readString(d.resolve("distance")).trim().split("\\s+");
                Map<Integer, Integer> m = new TreeMap<>();
                for (int i = 0; i < dist.length; i++) {
                    m.put(order.get(i), Integer.parseInt(dist[i]));
                }
                distOfNode.put(n, m);
            }
        } else {
            cpusOfNode.put(0, new ArrayList<>(present));
            memOfNode.put(0, Long.parseLong(grepFirst(Path.of("/proc/meminfo"), "MemTotal:").replaceAll("\\D", "")));
            distOfNode.put(0, Map.of());
        }
        List<HostCell> cells = new ArrayList<>();
        for (int n : cpusOfNode.keySet()) {
            List<HostCpu> cpus = new ArrayList<>();
            for (int c : cpusOfNode.get(n)) {
                Path topo = SYS.resolve("cpu/cpu" + c + "/topology");
                if (!Files.isDirectory(topo)) {
                    cpus.add(new HostCpu(c, -1, -1, -1, CpuSet.EMPTY, n));
                    continue;
                }
                int socket = Integer.parseInt(Files.readString(topo.resolve("physical_package_id")).trim());
                Path dieFile = topo.resolve("die_id");
                int die = Files.exists(dieFile) ? Integer.parseInt(Files.readString(dieFile).trim()) : 0;
                int core = Integer.parseInt(Files.readString(topo.resolve("core_id")).trim());
                CpuSet siblings = CpuSet.of(ids(topo.resolve("thread_siblings_list")).stream()
                        .mapToInt(Integer::intValue).toArray());
                cpus.add(new HostCpu(c, socket == -1 ? 0 : socket, die, core, siblings, n));
            }
            cells.add(new HostCell(n, memOfNode.get(n), cpus, distOfNode.get(n)));
        }
        int mhz = 0;
        if (arch.equals("x86_64") || arch.equals("i686")) {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    mhz = (int) Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        CpuSet onlineSet = CpuSet.of(online.stream().mapToInt(Integer::intValue).toArray());
        return new HostTopology(arch, arch, mhz, cells, onlineSet, present.last() + 1);
    }

    /** "0-3,8" -> {0,1,2,3,8}. */
    private static TreeSet<Integer> ids(Path file) throws IOException {
        TreeSet<Integer> out = new TreeSet<>();
        String text = Files.readString(file).trim();
        if (text.isEmpty()) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] ends = part.split("-");
            int a = Integer.parseInt(ends[0]);
            int b = ends.length > 1 ? Integer.parseInt(ends[1]) : a;
            for (int i = a; i <= b; i++) {
                out.add(i);
            }
        }
        return out;
    }

    private static String grepFirst(Path file, String needle) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.contains(needle)).findFirst()
                .orElseThrow(() -> new AssertionError(needle + " not in " + file));
    }
}
