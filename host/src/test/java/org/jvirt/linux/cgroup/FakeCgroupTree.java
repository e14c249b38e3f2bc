package org.jvirt.linux.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;

/**
 * Builds temp-dir trees shaped like a host's cgroup mounts under a root: the mountinfo file
 * ({@code root/proc/self/mountinfo}) and the files the kernel shows in the roots. Plain files
 * do not act like the kernel's: writes just store text, cgroup.procs accumulates lines.
 * {@link #populate} writes a group's default files, as the kernel would at mkdir.
 */
public final class FakeCgroupTree {
    /** This host's mountinfo (hybrid: v1 controllers and an empty cgroup2 at unified). */
    public static final String HYBRID_MOUNTINFO = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
            37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
            38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    /** The host {@link #hybrid} describes: CPUs 0-1 online in one NUMA cell (node 0) with memory. */
    public static final HostTopology HYBRID_HOST = new HostTopology("x86_64", "x86_64", 2000, List.of(
            new HostCell(0, 1 << 20, List.of(new HostCpu(0, 0, 0, 0, CpuSet.of(0), 0),
                    new HostCpu(1, 0, 0, 1, CpuSet.of(1), 0)), java.util.Map.of())), CpuSet.range(0, 1), 2);

    /** A classic v1 host with cpu and cpuacct co-mounted (no cgroup2). */
    public static final String V1_MOUNTINFO = """
            25 20 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
            26 25 0:23 / /sys/fs/cgroup/systemd rw,nosuid shared:10 - cgroup cgroup rw,xattr,name=systemd
            29 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:13 - cgroup cgroup rw,cpu,cpuacct
            30 25 0:27 / /sys/fs/cgroup/cpuset rw,nosuid shared:14 - cgroup cgroup rw,cpuset
            31 25 0:28 / /sys/fs/cgroup/memory rw,nosuid shared:15 - cgroup cgroup rw,memory
            32 25 0:29 / /sys/fs/cgroup/freezer rw,nosuid shared:16 - cgroup cgroup rw,freezer
            """;

    /** A pure v2 host (systemd unified). */
    public static final String V2_MOUNTINFO = """
            22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
            35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate
            """;

    private final Path root;

    private FakeCgroupTree(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path cgroupRoot() {
        return root.resolve("sys/fs/cgroup");
    }

    /** The hybrid host: every v1 controller with root files (2 CPUs "0-1", node "0"), empty unified. */
    public static FakeCgroupTree hybrid(Path root) {
        FakeCgroupTree t = new FakeCgroupTree(root);
        t.write("proc/self/mountinfo", HYBRID_MOUNTINFO);
        for (String c : List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "systemd")) {
            t.write("sys/fs/cgroup/" + c + "/cgroup.procs", "");
            t.write("sys/fs/cgroup/" + c + "/tasks", "");
        }
        t.write("sys/fs/cgroup/cpuset/cpuset.cpus", "0-1\n");
        t.write("sys/fs/cgroup/cpuset/cpuset.mems", "0\n");
        t.write("sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n");
        t.write("sys/fs/cgroup/unified/cgroup.procs", "");
        return t;
    }

    /** A v1 host with cpu,cpuacct co-mounted (4 CPUs, 2 nodes). */
    public static FakeCgroupTree v1(Path root) {
        FakeCgroupTree t = new FakeCgroupTree(root);
        t.write("proc/self/mountinfo", V1_MOUNTINFO);
        for (String c : List.of("cpu,cpuacct", "cpuset", "memory", "freezer", "systemd")) {
            t.write("sys/fs/cgroup/" + c + "/cgroup.procs", "");
        }
        t.write("sys/fs/cgroup/cpuset/cpuset.cpus", "0-3\n");
        t.write("sys/fs/cgroup/cpuset/cpuset.mems", "0-1\n");
        return t;
    }

    /** A pure v2 host offering {@code controllers} (e.g. "cpuset cpu io memory pids") at the root. */
    public static FakeCgroupTree v2(Path root, String controllers) {
        FakeCgroupTree t = new FakeCgroupTree(root);
        t.write("proc/self/mountinfo", V2_MOUNTINFO);
        t.write("sys/fs/cgroup/cgroup.controllers", controllers + "\n");
        t.write("sys/fs/cgroup/cgroup.subtree_control", "");
        t.write("sys/fs/cgroup/cgroup.procs", "");
        return t;
    }

    /** Writes the default files the kernel shows in a new v1 group of each hierarchy present. */
    public FakeCgroupTree populateV1(Cgroup group) {
        Path base = cgroupRoot();
        for (String h : List.of("cpu", "cpu,cpuacct", "cpuacct", "cpuset", "memory", "freezer", "pids", "devices")) {
            Path d = base.resolve(h).resolve(group.path());
            if (!Files.isDirectory(d)) {
                continue;
            }
            file(d, "cgroup.procs", "");
            file(d, "tasks", "");
            if (h.startsWith("cpu") && !h.equals("cpuset")) {
                file(d, "cpu.shares", "1024");
                file(d, "cpu.cfs_period_us", "100000");
                file(d, "cpu.cfs_quota_us", "-1");
                file(d, "cpuacct.usage", "0");
            }
            if (h.equals("memory")) {
                file(d, "memory.limit_in_bytes", "9223372036854771712");
            }
            if (h.equals("freezer")) {
                file(d, "freezer.state", "THAWED");
            }
        }
        return this;
    }

    /** Writes the default files of a new v2 group. */
    public FakeCgroupTree populateV2(Cgroup group) {
        Path d = cgroupRoot().resolve(group.path());
        file(d, "cgroup.procs", "");
        file(d, "cgroup.threads", "");
        file(d, "cgroup.events", "populated 0\nfrozen 0\n");
        file(d, "cgroup.freeze", "0");
        file(d, "cpu.weight", "100");
        file(d, "cpu.max", "max 100000");
        file(d, "memory.max", "max");
        file(d, "pids.max", "max");
        file(d, "cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
        return this;
    }

    /** What the kernel does when process {@code pid} ends: it leaves every cgroup.procs and tasks file. */
    public FakeCgroupTree processEnded(long pid) {
        String id = Long.toString(pid);
        try (java.util.stream.Stream<Path> s = Files.walk(cgroupRoot())) {
            for (Path f : s.filter(p -> p.getFileName().toString().equals("cgroup.procs")
                    || p.getFileName().toString().equals("tasks")).toList()) {
                try {
                    List<String> kept = Files.readAllLines(f).stream().filter(l -> !l.trim().equals(id)).toList();
                    Files.writeString(f, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
                } catch (java.nio.file.NoSuchFileException removedMeanwhile) {
                    // the group went while we looked
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a group removed while the tree was walked: nothing of it is left to change
        }
        return this;
    }

    public FakeCgroupTree write(String relative, String content) {
        Path p = root.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String read(String relative) {
        try {
            return Files.readString(root.resolve(relative)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void file(Path dir, String name, String content) {
        try {
            if (!Files.exists(dir.resolve(name))) {
                Files.writeString(dir.resolve(name), content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
