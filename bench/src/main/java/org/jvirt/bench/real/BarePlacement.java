package org.jvirt.bench.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jvirt.linux.JnaAffinity;
import org.jvirt.model.CpuSet;

/**
 * The kernel work any manager must do for a hot-plugged vCPU thread, written as plainly as
 * possible (no jvirt code but the JNA sched_setaffinity): its own group in the cpu, cpuacct and
 * cpuset hierarchies (cgroup v1), cpuset.cpus and cpuset.mems, the thread moved into each, its
 * affinity. Groups live under the bench partition, {@code PARTITION/bare-NAME/vcpuN}.
 */
final class BarePlacement implements AutoCloseable {
    private static final List<String> HIERARCHIES = List.of("cpu", "cpuacct", "cpuset");
    private static final Path FS = Path.of("/sys/fs/cgroup");

    private final List<Path> parents = new ArrayList<>();
    private final List<Path> made = new ArrayList<>();
    private final JnaAffinity affinity = new JnaAffinity();

    /** Usable on a cgroup v1 host whose bench partition exists (the jvirt series made it). */
    static boolean available() {
        return HIERARCHIES.stream().allMatch(h -> Files.isDirectory(FS.resolve(h).resolve(QemuBenchHost.PARTITION)));
    }

    BarePlacement(String name) throws IOException {
        for (String h : HIERARCHIES) {
            Path partition = FS.resolve(h).resolve(QemuBenchHost.PARTITION);
            Path p = Files.createDirectory(partition.resolve("bare-" + name));
            parents.add(p);
            if (h.equals("cpuset")) {
                copy(partition, p, "cpuset.cpus");
                copy(partition, p, "cpuset.mems");
            }
        }
    }

    private static void copy(Path from, Path to, String file) throws IOException {
        Files.writeString(to.resolve(file), Files.readString(from.resolve(file)).strip());
    }

    /**
     * One cgroup move that changes nothing (this thread into its own cpuset group), so that the
     * timed moves find the migration lock warm, as jvirt's plug does right after its start.
     */
    static void warmMigrationLock() throws IOException {
        String own = Files.readAllLines(Path.of("/proc/thread-self/cgroup")).stream()
                .filter(l -> l.split(":", 3)[1].equals("cpuset")).map(l -> l.split(":", 3)[2]).findFirst().orElse("/");
        Path dir = FS.resolve("cpuset").resolve(own.substring(1));
        String self = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
        Files.writeString(dir.resolve("tasks"), self);
    }

    /** vCPU {@code vcpu}'s group in each hierarchy, its thread {@code tid} in it, then its affinity. */
    void place(int vcpu, long tid, CpuSet cpus) throws IOException {
        for (int i = 0; i < HIERARCHIES.size(); i++) {
            Path g = Files.createDirectory(parents.get(i).resolve("vcpu" + vcpu));
            made.add(g);
            if (HIERARCHIES.get(i).equals("cpuset")) {
                Files.writeString(g.resolve("cpuset.cpus"), cpus.format());
                copy(parents.get(i), g, "cpuset.mems");
            }
            Files.writeString(g.resolve("tasks"), Long.toString(tid));
        }
        affinity.set(tid, cpus);
    }

    /** Removes the groups; call once the threads are gone. What cannot go yet, the bench's cleanup removes. */
    @Override
    public void close() {
        for (int i = made.size() - 1; i >= 0; i--) {
            rmdir(made.get(i));
        }
        parents.forEach(BarePlacement::rmdir);
    }

    private static void rmdir(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // busy until the exited threads are released: left to QemuBenchHost's cleanup
        }
    }
}
