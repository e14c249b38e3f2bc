package org.jvirt.linux.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Ticker;

/**
 * cgroup v1: one hierarchy per mounted controller (or set of co-mounted controllers), e.g.
 * {@code /sys/fs/cgroup/cpuset}. A group exists as the same relative directory in each used
 * hierarchy; per-thread groups only in the cpu, cpuacct and cpuset hierarchies
 * (docs/architecture.md#cgroups-per-host-kind).
 */
public final class CgroupV1Backend implements CgroupBackend {
    /** v1 reports "no limit" as PAGE_COUNTER_MAX pages, about 2^63; anything this large is unlimited. */
    private static final long V1_UNLIMITED_FLOOR = 1L << 62;
    private static final Duration FREEZE_POLL = Duration.ofMillis(10);

    private final Map<CgroupController, Path> hierarchies;
    private final ProcessSweeper sweeper;
    private final Ticker ticker;

    /**
     * @param hierarchies each used controller and the root directory of its hierarchy
     *                    (co-mounted controllers share one directory)
     */
    public CgroupV1Backend(Map<CgroupController, Path> hierarchies, ProcessSignaller signals, Ticker ticker) {
        if (hierarchies.isEmpty()) {
            throw VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.CGROUP, "cgroup: no v1 controller is in use");
        }
        this.hierarchies = Collections.unmodifiableMap(new EnumMap<>(hierarchies));
        this.sweeper = new ProcessSweeper(signals, ticker);
        this.ticker = ticker;
    }

    @Override
    public CgroupVersion version() {
        return CgroupVersion.V1;
    }

    @Override
    public Set<CgroupController> controllers() {
        return Collections.unmodifiableSet(EnumSet.copyOf(hierarchies.keySet()));
    }

    @Override
    public Optional<Path> ownThreadFile(Map<String, String> own) {
        for (Map.Entry<CgroupController, Path> h : hierarchies.entrySet()) {
            String path = own.get(h.getKey().kernelName());
            if (path != null) {
                Cgroup group = Cgroup.of(path);
                Path dir = group.isRoot() ? h.getValue() : h.getValue().resolve(group.path());
                if (Files.isDirectory(dir)) {
                    return Optional.of(dir.resolve("tasks"));
                }
            }
        }
        return Optional.empty();
    }

    /** The hierarchy roots in use, each once. */
    private Set<Path> roots() {
        return new LinkedHashSet<>(hierarchies.values());
    }

    private Set<Path> threadRoots() {
        Set<Path> roots = new LinkedHashSet<>();
        hierarchies.forEach((c, p) -> {
            if (c.threaded()) {
                roots.add(p);
            }
        });
        return roots;
    }

    private Path dir(CgroupController c, Cgroup group) {
        Path root = hierarchies.get(c);
        if (root == null) {
            throw CgroupFiles.missing(c, hierarchies.keySet());
        }
        return group.isRoot() ? root : root.resolve(group.path());
    }

    @Override
    public Path controlFile(CgroupController c, Cgroup group, String name) {
        return dir(c, group).resolve(name);
    }

    @Override
    public void create(Cgroup group) {
        requireNotRoot(group, "create");
        for (Path root : roots()) {
            createIn(root, group);
        }
    }

    @Override
    public void createThreadGroup(Cgroup group) {
        requireNotRoot(group, "create");
        for (Path root : threadRoots()) {
            createIn(root, group);
        }
    }

    private void createIn(Path root, Cgroup group) {
        boolean cpuset = root.equals(hierarchies.get(CgroupController.CPUSET));
        List<String> components = group.components();
        Path parent = root;
        for (String c : components.subList(0, components.size() - 1)) {
            parent = parent.resolve(c);
        }
        // the usual case (a domain under its partition, a thread group under its domain): one
        // mkdir; a usable cpuset parent implies usable ancestors (a child's cpus are a subset)
        if (Files.isDirectory(parent)) {
            String[] parentCpuset = cpuset ? cpusetOf(parent) : null;
            if (!cpuset || parentCpuset != null) {
                createChild(parent, components.get(components.size() - 1), cpuset, parentCpuset);
                return;
            }
        }
        Path dir = root;
        for (String component : components) {
            dir = createChild(dir, component, cpuset, null);
        }
    }

    /** {@code parentCpuset}: the parent's cpus and mems when already read (else read here, when needed). */
    private static Path createChild(Path parent, String name, boolean cpuset, String[] parentCpuset) {
        Path dir = parent.resolve(name);
        boolean created = CgroupFiles.mkdir(dir);
        if (cpuset && (created || cpusetOf(dir) == null)) {
            // a fresh v1 cpuset has empty cpus and mems and refuses tasks until both are set
            String cpus = parentCpuset != null ? parentCpuset[0] : CgroupFiles.read(parent.resolve("cpuset.cpus"));
            String mems = parentCpuset != null ? parentCpuset[1] : CgroupFiles.read(parent.resolve("cpuset.mems"));
            CgroupFiles.write(dir.resolve("cpuset.cpus"), cpus);
            CgroupFiles.write(dir.resolve("cpuset.mems"), mems);
        }
        return dir;
    }

    /** A cpuset group's cpus and mems; null when either file is missing or empty (tasks refused). */
    private static String[] cpusetOf(Path dir) {
        Path cpus = dir.resolve("cpuset.cpus");
        Path mems = dir.resolve("cpuset.mems");
        if (!Files.exists(cpus) || !Files.exists(mems)) {
            return null;
        }
        String[] values = {CgroupFiles.read(cpus), CgroupFiles.read(mems)};
        return values[0].isEmpty() || values[1].isEmpty() ? null : values;
    }

    @Override
    public boolean exists(Cgroup group) {
        return !directories(group).isEmpty();
    }

    @Override
    public List<Path> directories(Cgroup group) {
        List<Path> dirs = new ArrayList<>();
        for (Path root : roots()) {
            Path d = group.isRoot() ? root : root.resolve(group.path());
            if (Files.isDirectory(d)) {
                dirs.add(d);
            }
        }
        return dirs;
    }

    /** Per hierarchy holding {@code process}: its child {@code threads} where that exists, else {@code process}. */
    @Override
    public List<Path> joinFiles(Cgroup process, Cgroup threads) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots()) {
            Path p = process.isRoot() ? root : root.resolve(process.path());
            Path t = root.resolve(threads.path());
            if (Files.isDirectory(t)) {
                files.add(t.resolve("cgroup.procs"));
            } else if (Files.isDirectory(p)) {
                files.add(p.resolve("cgroup.procs"));
            }
        }
        return files;
    }

    @Override
    public void setMemoryMigrate(Cgroup group, boolean migrate) {
        CgroupFiles.write(controlFile(CgroupController.CPUSET, group, "cpuset.memory_migrate"), migrate ? "1" : "0");
    }

    @Override
    public void setCpuShares(Cgroup group, long shares) {
        CgroupSets.checkShares(shares);
        CgroupFiles.write(controlFile(CgroupController.CPU, group, "cpu.shares"), Long.toString(shares));
    }

    @Override
    public long cpuShares(Cgroup group) {
        return CgroupFiles.readLong(controlFile(CgroupController.CPU, group, "cpu.shares"));
    }

    @Override
    public void setCpuBandwidth(Cgroup group, CpuBandwidth bandwidth) {
        Path period = controlFile(CgroupController.CPU, group, "cpu.cfs_period_us");
        Path quota = controlFile(CgroupController.CPU, group, "cpu.cfs_quota_us");
        String oldPeriod = Files.exists(period) ? CgroupFiles.read(period) : null;
        CgroupFiles.write(period, Long.toString(bandwidth.periodUs()));
        try {
            CgroupFiles.write(quota, Long.toString(bandwidth.quotaUs()));
        } catch (VirtException e) {
            try {
                if (oldPeriod != null) {
                    CgroupFiles.write(period, oldPeriod);
                }
            } catch (VirtException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    @Override
    public CpuBandwidth cpuBandwidth(Cgroup group) {
        long period = CgroupFiles.readLong(controlFile(CgroupController.CPU, group, "cpu.cfs_period_us"));
        long quota = CgroupFiles.readLong(controlFile(CgroupController.CPU, group, "cpu.cfs_quota_us"));
        return new CpuBandwidth(period, quota);
    }

    @Override
    public void setMemoryLimit(Cgroup group, MemoryLimit limit, long bytes) {
        CgroupSets.checkBytes(limit, bytes);
        CgroupFiles.write(controlFile(CgroupController.MEMORY, group, limit.v1File()), bytes == UNLIMITED ? "-1" : Long.toString(bytes));
    }

    @Override
    public long memoryLimit(Cgroup group, MemoryLimit limit) {
        long v = CgroupFiles.readLong(controlFile(CgroupController.MEMORY, group, limit.v1File()));
        return v >= V1_UNLIMITED_FLOOR || v < 0 ? UNLIMITED : v;
    }

    @Override
    public void setPidsMax(Cgroup group, long max) {
        CgroupSets.checkPids(max);
        CgroupFiles.write(controlFile(CgroupController.PIDS, group, "pids.max"), max == UNLIMITED ? "max" : Long.toString(max));
    }

    @Override
    public long pidsMax(Cgroup group) {
        String v = CgroupFiles.read(controlFile(CgroupController.PIDS, group, "pids.max"));
        return CgroupSets.parseMax(v, controlFile(CgroupController.PIDS, group, "pids.max"));
    }

    @Override
    public long cpuUsageNanos(Cgroup group) {
        return CgroupFiles.readLong(controlFile(CgroupController.CPUACCT, group, "cpuacct.usage"));
    }

    @Override
    public void freeze(Cgroup group, Duration timeout) {
        Path state = controlFile(CgroupController.FREEZER, group, "freezer.state");
        CgroupFiles.write(state, "FROZEN");
        long deadline = ticker.nanoTime() + timeout.toNanos();
        while (!CgroupFiles.read(state).equals("FROZEN")) {
            if (ticker.nanoTime() - deadline >= 0) {
                String last = CgroupFiles.read(state);
                try {
                    CgroupFiles.write(state, "THAWED");
                } catch (VirtException ignored) {
                    // the timeout is the error to report
                }
                throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.CGROUP,
                        "cgroup: %s did not reach FROZEN within %d ms (state %s); thawed again",
                        state, timeout.toMillis(), last);
            }
            ticker.sleep(FREEZE_POLL);
        }
    }

    @Override
    public void thaw(Cgroup group) {
        CgroupFiles.write(controlFile(CgroupController.FREEZER, group, "freezer.state"), "THAWED");
    }

    @Override
    public boolean isFrozen(Cgroup group) {
        return CgroupFiles.read(controlFile(CgroupController.FREEZER, group, "freezer.state")).equals("FROZEN");
    }

    @Override
    public boolean deviceControl() {
        return has(CgroupController.DEVICES);
    }

    @Override
    public void setDeviceAcl(Cgroup group, List<String> allowRules) {
        CgroupSets.checkDeviceRules(allowRules);
        CgroupFiles.append(controlFile(CgroupController.DEVICES, group, "devices.deny"), "a");
        for (String rule : allowRules) {
            CgroupFiles.append(controlFile(CgroupController.DEVICES, group, "devices.allow"), rule);
        }
    }

    @Override
    public void attachProcess(Cgroup group, long pid) {
        List<Path> files = procsFiles(group);
        if (files.isEmpty()) {
            throw CgroupFiles.error("cgroup: cannot attach process " + pid + " to " + group + ": no such group", null);
        }
        for (Path f : files) {
            CgroupFiles.append(f, Long.toString(pid));
        }
    }

    @Override
    public void attachThread(Cgroup group, long tid) {
        List<Path> dirs = directories(group);
        if (dirs.isEmpty()) {
            throw CgroupFiles.error("cgroup: cannot attach thread " + tid + " to " + group + ": no such group", null);
        }
        for (Path d : dirs) {
            CgroupFiles.append(d.resolve("tasks"), Long.toString(tid));
        }
    }

    @Override
    public List<Long> processes(Cgroup group) {
        return union(group, "cgroup.procs");
    }

    @Override
    public List<Long> threads(Cgroup group) {
        return union(group, "tasks");
    }

    private List<Long> union(Cgroup group, String name) {
        TreeSet<Long> ids = new TreeSet<>();
        for (Path d : directories(group)) {
            ids.addAll(CgroupFiles.readIds(d.resolve(name)));
        }
        return new ArrayList<>(ids);
    }

    @Override
    public void remove(Cgroup group) {
        requireNotRoot(group, "remove");
        List<Path> dirs = directories(group);
        if (dirs.isEmpty()) {
            return;
        }
        sweeper.sweep(dirs);
        for (Path d : dirs) {
            CgroupSets.removeTree(d);
        }
    }

    static void requireNotRoot(Cgroup group, String what) {
        if (group.isRoot()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CGROUP, "cgroup: cannot %s the root group", what);
        }
    }
}
