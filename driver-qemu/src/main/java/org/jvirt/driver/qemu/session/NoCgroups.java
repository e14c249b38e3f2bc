package org.jvirt.driver.qemu.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.CgroupVersion;
import org.jvirt.linux.cgroup.CpuBandwidth;
import org.jvirt.linux.cgroup.MemoryLimit;

/**
 * The cgroups of a session that has none of its own (a cgroup v1 or hybrid host, whose
 * hierarchies belong to root, or a v2 host that delegates no subtree to the user): no controller,
 * groups that are never made, threads that stay where they are. The QEMU driver then places
 * threads by {@code sched_setaffinity} alone; every limit that needs a controller fails with
 * NO_CGROUP and {@link #why()}.
 */
public final class NoCgroups implements CgroupBackend {
    private final String why;

    /** {@code why}: why the session has no cgroup, for error messages. */
    public NoCgroups(String why) {
        this.why = why;
    }

    public String why() {
        return why;
    }

    /** A cgroup API is not spoken at all; V2 is reported so that no v1-only path is taken. */
    @Override
    public CgroupVersion version() {
        return CgroupVersion.V2;
    }

    @Override
    public Set<CgroupController> controllers() {
        return Set.of();
    }

    @Override
    public Optional<Path> ownThreadFile(Map<String, String> own) {
        return Optional.empty();
    }

    @Override
    public void create(Cgroup group) {
        // nothing to make: threads are placed by their affinity
    }

    @Override
    public void createThreadGroup(Cgroup group) {
        // as create
    }

    @Override
    public boolean exists(Cgroup group) {
        return false;
    }

    @Override
    public List<Path> directories(Cgroup group) {
        return List.of();
    }

    @Override
    public Path controlFile(CgroupController c, Cgroup group, String name) {
        throw missing(name);
    }

    private VirtException missing(String what) {
        return VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.CGROUP, "cgroup: %s needs a cgroup, and %s", what,
                why);
    }

    @Override
    public void setMemoryMigrate(Cgroup group, boolean migrate) {
        // no cpuset: memory stays where the kernel put it
    }

    @Override
    public void setCpuShares(Cgroup group, long shares) {
        throw missing("<shares>");
    }

    @Override
    public long cpuShares(Cgroup group) {
        throw missing("cpu.shares");
    }

    @Override
    public void setCpuBandwidth(Cgroup group, CpuBandwidth bandwidth) {
        throw missing("CPU bandwidth (period/quota)");
    }

    @Override
    public CpuBandwidth cpuBandwidth(Cgroup group) {
        throw missing("CPU bandwidth (period/quota)");
    }

    @Override
    public void setMemoryLimit(Cgroup group, MemoryLimit limit, long bytes) {
        throw missing("a memory limit");
    }

    @Override
    public long memoryLimit(Cgroup group, MemoryLimit limit) {
        throw missing("a memory limit");
    }

    @Override
    public void setPidsMax(Cgroup group, long max) {
        throw missing("pids.max (max_threads_per_process)");
    }

    @Override
    public long pidsMax(Cgroup group) {
        throw missing("pids.max");
    }

    @Override
    public long cpuUsageNanos(Cgroup group) {
        throw missing("a group's CPU time");
    }

    @Override
    public void freeze(Cgroup group, Duration timeout) {
        throw missing("freezing");
    }

    @Override
    public void thaw(Cgroup group) {
        throw missing("thawing");
    }

    @Override
    public boolean isFrozen(Cgroup group) {
        return false;
    }

    @Override
    public boolean deviceControl() {
        return false;
    }

    @Override
    public void setDeviceAcl(Cgroup group, List<String> allowRules) {
        // no devices controller: QEMU opens what its user may open
    }

    @Override
    public void attachProcess(Cgroup group, long pid) {
        // the process stays in its own group
    }

    @Override
    public void attachThread(Cgroup group, long tid) {
        // the thread stays in its own group; its affinity is what places it
    }

    @Override
    public List<Long> processes(Cgroup group) {
        return List.of();
    }

    @Override
    public List<Long> threads(Cgroup group) {
        return List.of();
    }

    @Override
    public void remove(Cgroup group) {
        // nothing was made
    }
}
