package org.jvirt.linux.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Ticker;

/**
 * cgroup v2: one tree (e.g. {@code /sys/fs/cgroup}). Controllers are enabled top-down through
 * each ancestor's {@code cgroup.subtree_control}; per-thread groups are {@code threaded}
 * (docs/architecture.md#cgroups-per-host-kind). Device control would need a BPF program: {@link
 * #deviceControl()} is false
 * and {@link #setDeviceAcl} writes nothing. v2 has no cpuacct controller: CPU time comes from
 * {@code cpu.stat}, which every group has.
 */
public final class CgroupV2Backend implements CgroupBackend {
    /** Controllers a process group gets (as available), in this order. */
    private static final List<CgroupController> DOMAIN_CONTROLLERS =
            List.of(CgroupController.CPU, CgroupController.CPUSET, CgroupController.MEMORY, CgroupController.PIDS, CgroupController.BLKIO);
    /** Controllers that work in threaded groups. */
    private static final List<CgroupController> THREAD_CONTROLLERS = List.of(CgroupController.CPU, CgroupController.CPUSET);
    private static final Duration FREEZE_POLL = Duration.ofMillis(10);

    private final Path root;
    private final Set<CgroupController> controllers;
    private final ProcessSweeper sweeper;
    private final Ticker ticker;

    /** {@code controllers}: those to use (enabled in the root's cgroup.controllers). */
    public CgroupV2Backend(Path root, Set<CgroupController> controllers, ProcessSignaller signals, Ticker ticker) {
        this.root = root;
        Set<CgroupController> set = EnumSet.noneOf(CgroupController.class);
        set.addAll(controllers);
        set.remove(CgroupController.CPUACCT);
        set.remove(CgroupController.DEVICES);
        set.remove(CgroupController.FREEZER);
        this.controllers = Collections.unmodifiableSet(set);
        this.sweeper = new ProcessSweeper(signals, ticker);
        this.ticker = ticker;
    }

    @Override
    public CgroupVersion version() {
        return CgroupVersion.V2;
    }

    @Override
    public Set<CgroupController> controllers() {
        return controllers;
    }

    @Override
    public Optional<Path> ownThreadFile(Map<String, String> own) {
        return Optional.ofNullable(own.get("")).map(p -> dir(Cgroup.of(p)).resolve("cgroup.threads"));
    }

    private Path dir(Cgroup group) {
        return group.isRoot() ? root : root.resolve(group.path());
    }

    @Override
    public Path controlFile(CgroupController c, Cgroup group, String name) {
        if (c != null && !controllers.contains(c)) {
            throw CgroupFiles.missing(c, controllers);
        }
        return dir(group).resolve(name);
    }

    @Override
    public void create(Cgroup group) {
        CgroupV1Backend.requireNotRoot(group, "create");
        Cgroup current = Cgroup.ROOT;
        for (String component : group.components()) {
            enable(current, DOMAIN_CONTROLLERS);
            current = current.child(component);
            CgroupFiles.mkdir(dir(current));
        }
    }

    @Override
    public void createThreadGroup(Cgroup group) {
        CgroupV1Backend.requireNotRoot(group, "create");
        Path parent = dir(group.parent());
        if (!Files.isDirectory(parent)) {
            throw CgroupFiles.error("cgroup: cannot create " + dir(group) + ": the parent group does not exist", null);
        }
        Path d = dir(group);
        CgroupFiles.mkdir(d);
        Path type = d.resolve("cgroup.type");
        if (!Files.exists(type) || !CgroupFiles.read(type).equals("threaded")) {
            CgroupFiles.write(type, "threaded");
        }
        enable(group.parent(), THREAD_CONTROLLERS);
    }

    /** Enables {@code wanted} (those in use and offered by the group) in its cgroup.subtree_control. */
    private void enable(Cgroup group, List<CgroupController> wanted) {
        Path d = dir(group);
        Path offeredFile = d.resolve("cgroup.controllers");
        // a plain directory (a test tree) has no cgroup.controllers: treat everything as offered
        Set<String> offered = Files.exists(offeredFile) ? words(offeredFile) : null;
        Set<String> enabled = words(d.resolve("cgroup.subtree_control"));
        for (CgroupController c : wanted) {
            String name = c == CgroupController.BLKIO ? "io" : c.kernelName();
            if (controllers.contains(c) && (offered == null || offered.contains(name)) && !enabled.contains(name)) {
                CgroupFiles.append(d.resolve("cgroup.subtree_control"), "+" + name);
            }
        }
    }

    private static Set<String> words(Path file) {
        if (!Files.exists(file)) {
            return Set.of();
        }
        String text = CgroupFiles.read(file);
        Set<String> words = new java.util.HashSet<>();
        for (String w : text.split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w.startsWith("+") ? w.substring(1) : w); // '+x' lines only in test trees
            }
        }
        return words;
    }

    @Override
    public boolean exists(Cgroup group) {
        return Files.isDirectory(dir(group));
    }

    @Override
    public List<Path> directories(Cgroup group) {
        return exists(group) ? List.of(dir(group)) : List.of();
    }

    @Override
    public void setMemoryMigrate(Cgroup group, boolean migrate) {
        // v2 has no memory_migrate: pages stay where they are when cpuset.mems changes
    }

    @Override
    public void setCpuShares(Cgroup group, long shares) {
        CgroupSets.checkShares(shares);
        CgroupFiles.write(controlFile(CgroupController.CPU, group, "cpu.weight"), Long.toString(CpuWeight.fromShares(shares)));
    }

    @Override
    public long cpuShares(Cgroup group) {
        return CpuWeight.toShares(CgroupFiles.readLong(controlFile(CgroupController.CPU, group, "cpu.weight")));
    }

    @Override
    public void setCpuBandwidth(Cgroup group, CpuBandwidth bandwidth) {
        String quota = bandwidth.isUnlimited() ? "max" : Long.toString(bandwidth.quotaUs());
        CgroupFiles.write(controlFile(CgroupController.CPU, group, "cpu.max"), quota + " " + bandwidth.periodUs());
    }

    @Override
    public CpuBandwidth cpuBandwidth(Cgroup group) {
        Path f = controlFile(CgroupController.CPU, group, "cpu.max");
        String[] parts = CgroupFiles.read(f).split("\\s+");
        try {
            long period = parts.length > 1 ? Long.parseLong(parts[1]) : CpuBandwidth.DEFAULT_PERIOD;
            long quota = parts[0].equals("max") ? CpuBandwidth.UNLIMITED : Long.parseLong(parts[0]);
            return new CpuBandwidth(period, quota);
        } catch (NumberFormatException e) {
            throw CgroupFiles.error("cgroup: " + f + " holds '" + String.join(" ", parts) + "', not 'QUOTA PERIOD'", e);
        }
    }

    @Override
    public void setMemoryLimit(Cgroup group, MemoryLimit limit, long bytes) {
        CgroupSets.checkBytes(limit, bytes);
        CgroupFiles.write(controlFile(CgroupController.MEMORY, group, limit.v2File()), bytes == UNLIMITED ? "max" : Long.toString(bytes));
    }

    @Override
    public long memoryLimit(Cgroup group, MemoryLimit limit) {
        Path f = controlFile(CgroupController.MEMORY, group, limit.v2File());
        return CgroupSets.parseMax(CgroupFiles.read(f), f);
    }

    @Override
    public void setPidsMax(Cgroup group, long max) {
        CgroupSets.checkPids(max);
        CgroupFiles.write(controlFile(CgroupController.PIDS, group, "pids.max"), max == UNLIMITED ? "max" : Long.toString(max));
    }

    @Override
    public long pidsMax(Cgroup group) {
        Path f = controlFile(CgroupController.PIDS, group, "pids.max");
        return CgroupSets.parseMax(CgroupFiles.read(f), f);
    }

    @Override
    public long cpuUsageNanos(Cgroup group) {
        Path f = controlFile(null, group, "cpu.stat");
        for (String line : CgroupFiles.read(f).split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals("usage_usec")) {
                try {
                    return Math.multiplyExact(Long.parseLong(kv[1]), 1000L);
                } catch (NumberFormatException | ArithmeticException e) {
                    throw CgroupFiles.error("cgroup: " + f + " has an invalid usage_usec '" + kv[1] + "'", e);
                }
            }
        }
        throw CgroupFiles.error("cgroup: " + f + " has no usage_usec line", null);
    }

    @Override
    public void freeze(Cgroup group, Duration timeout) {
        Path freeze = controlFile(null, group, "cgroup.freeze");
        CgroupFiles.write(freeze, "1");
        long deadline = ticker.nanoTime() + timeout.toNanos();
        while (!isFrozen(group)) {
            if (ticker.nanoTime() - deadline >= 0) {
                try {
                    CgroupFiles.write(freeze, "0");
                } catch (VirtException ignored) {
                    // the timeout is the error to report
                }
                throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.CGROUP,
                        "cgroup: %s did not report 'frozen 1' in cgroup.events within %d ms; thawed again",
                        dir(group), timeout.toMillis());
            }
            ticker.sleep(FREEZE_POLL);
        }
    }

    @Override
    public void thaw(Cgroup group) {
        CgroupFiles.write(controlFile(null, group, "cgroup.freeze"), "0");
    }

    @Override
    public boolean isFrozen(Cgroup group) {
        for (String line : CgroupFiles.read(controlFile(null, group, "cgroup.events")).split("\n")) {
            if (line.trim().equals("frozen 1")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean deviceControl() {
        return false;
    }

    @Override
    public void setDeviceAcl(Cgroup group, List<String> allowRules) {
        CgroupSets.checkDeviceRules(allowRules);
    }

    @Override
    public void attachProcess(Cgroup group, long pid) {
        CgroupFiles.append(controlFile(null, group, "cgroup.procs"), Long.toString(pid));
    }

    @Override
    public void attachThread(Cgroup group, long tid) {
        CgroupFiles.append(controlFile(null, group, "cgroup.threads"), Long.toString(tid));
    }

    @Override
    public List<Long> processes(Cgroup group) {
        return CgroupFiles.readIds(controlFile(null, group, "cgroup.procs"));
    }

    @Override
    public List<Long> threads(Cgroup group) {
        return CgroupFiles.readIds(controlFile(null, group, "cgroup.threads"));
    }

    @Override
    public void remove(Cgroup group) {
        CgroupV1Backend.requireNotRoot(group, "remove");
        List<Path> dirs = directories(group);
        if (dirs.isEmpty()) {
            return;
        }
        sweeper.sweep(dirs);
        CgroupSets.removeTree(dirs.get(0));
    }
}
