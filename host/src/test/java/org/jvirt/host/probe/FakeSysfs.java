package org.jvirt.host.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a fake {@code /sys} + {@code /proc} tree under a root directory, for {@link SysfsReader}
 * and the probes. Each method writes immediately; the caller chooses which files exist.
 */
public final class FakeSysfs {
    private final Path root;

    public FakeSysfs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public FakeSysfs write(String relative, String content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeSysfs cpuLists(String online, String present, String possible) {
        if (online != null) {
            write("sys/devices/system/cpu/online", online + "\n");
        }
        if (present != null) {
            write("sys/devices/system/cpu/present", present + "\n");
        }
        if (possible != null) {
            write("sys/devices/system/cpu/possible", possible + "\n");
        }
        return this;
    }

    /** An online CPU with its topology directory. */
    public FakeSysfs cpu(int id, int socket, int die, int core, String siblings) {
        String t = "sys/devices/system/cpu/cpu" + id + "/topology/";
        write(t + "physical_package_id", socket + "\n");
        write(t + "die_id", die + "\n");
        write(t + "core_id", core + "\n");
        write(t + "thread_siblings_list", siblings + "\n");
        return this;
    }

    /**
     * An offline CPU as the kernel shows it: {@code online} = 0 and no topology directory (one
     * written before is removed). The caller also updates {@code cpu/online}.
     */
    public FakeSysfs offlineCpu(int id) {
        delete(root.resolve("sys/devices/system/cpu/cpu" + id + "/topology"));
        return write("sys/devices/system/cpu/cpu" + id + "/online", "0\n");
    }

    /** Deletes a file or a directory tree under the root, if present. */
    public static void delete(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeSysfs nodeOnline(String nodes) {
        return write("sys/devices/system/node/online", nodes + "\n");
    }

    public FakeSysfs node(int id, String cpulist, long memKiB, List<Integer> distances) {
        String n = "sys/devices/system/node/node" + id + "/";
        write(n + "cpulist", cpulist + "\n");
        write(n + "meminfo", String.format("Node %d MemTotal:       %8d kB%nNode %d MemFree:        %8d kB%n",
                id, memKiB, id, memKiB / 2));
        if (distances != null) {
            write(n + "distance", distances.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "\n");
        }
        return this;
    }

    public FakeSysfs meminfo(long memKiB) {
        return write("proc/meminfo", String.format("MemTotal:       %d kB%nMemFree:        1 kB%n", memKiB));
    }

    public FakeSysfs cpuinfoMhz(String... mhz) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < mhz.length; i++) {
            sb.append("processor\t: ").append(i).append("\nmodel name\t: Fake CPU\ncpu MHz\t\t: ").append(mhz[i])
                    .append("\nflags\t\t: fpu\n\n");
        }
        return write("proc/cpuinfo", sb.toString());
    }

    public FakeSysfs hostname(String name) {
        return write("proc/sys/kernel/hostname", name + "\n");
    }

    public FakeSysfs arch(String arch) {
        return write("proc/sys/kernel/arch", arch + "\n");
    }

    /**
     * 2 NUMA nodes, one socket each, 2 cores x 2 threads per socket (libvirt-style numbering:
     * siblings are n and n+4): CPUs 0,1,4,5 on node 0 (socket 0), 2,3,6,7 on node 1 (socket 1).
     */
    public static FakeSysfs twoSocketsTwoCoresTwoThreads(Path root) {
        FakeSysfs f = new FakeSysfs(root).cpuLists("0-7", "0-7", "0-7")
                .cpu(0, 0, 0, 0, "0,4").cpu(1, 0, 0, 1, "1,5").cpu(4, 0, 0, 0, "0,4").cpu(5, 0, 0, 1, "1,5")
                .cpu(2, 1, 0, 0, "2,6").cpu(3, 1, 0, 1, "3,7").cpu(6, 1, 0, 0, "2,6").cpu(7, 1, 0, 1, "3,7")
                .nodeOnline("0-1")
                .node(0, "0-1,4-5", 2_097_152, List.of(10, 21))
                .node(1, "2-3,6-7", 4_194_304, List.of(21, 10))
                .meminfo(6_291_456)
                .cpuinfoMhz("2400.000", "2400.000", "2400.000", "2400.000", "2400.000", "2400.000", "2400.000",
                        "2399.998")
                .hostname("fakehost")
                .arch("x86_64");
        return f;
    }
}
