package org.jvirt.driver.qemu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jvirt.driver.CpuScheduling;
import org.jvirt.driver.NumaMemory;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.CpuBandwidth;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * Scheduler parameters and memory nodes of a running QEMU, through its cgroups as libvirt's QEMU
 * driver has them: {@code cpu_shares} and {@code global_*} on the domain's group,
 * {@code vcpu_*} on every online vCPU's group, {@code emulator_*} on the emulator group,
 * {@code iothread_*} on every I/O thread's group (v1 {@code cpu.shares}, {@code cpu.cfs_*}; v2
 * {@code cpu.weight}, {@code cpu.max}); the memory nodes as {@code cpuset.mems} of every group,
 * with {@code cpuset.memory_migrate} on v1 so the kernel moves the pages. Every write of a change
 * is undone, newest first, when a later one fails.
 */
final class QemuScheduling implements CpuScheduling<QemuRuntime>, NumaMemory<QemuRuntime> {
    private final DomainLocks locks;

    QemuScheduling(DomainLocks locks) {
        this.locks = locks;
    }

    @Override
    public Set<SchedulerParameter> parameters() {
        return EnumSet.allOf(SchedulerParameter.class);
    }

    private static CgroupBackend cpuBackend(QemuRuntime rt, String what) {
        CgroupBackend b = rt.cgroups.backend();
        if (!b.has(CgroupController.CPU)) {
            throw VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.QEMU,
                    "%s needs the cgroup cpu controller, which this host does not offer to jvirt", what);
        }
        return b;
    }

    /** The groups that carry one pair of period/quota parameters. */
    private static List<Cgroup> groupsOf(QemuRuntime rt, SchedulerParameter p) {
        return switch (p) {
            case VCPU_PERIOD, VCPU_QUOTA -> rt.vcpuThreads().keySet().stream().map(rt.cgroups::vcpu).toList();
            case EMULATOR_PERIOD, EMULATOR_QUOTA -> List.of(rt.cgroups.emulator());
            case IOTHREAD_PERIOD, IOTHREAD_QUOTA -> rt.iothreadThreads().keySet().stream().map(rt.cgroups::iothread)
                    .toList();
            case GLOBAL_PERIOD, GLOBAL_QUOTA, CPU_SHARES -> List.of(rt.cgroups.domain());
        };
    }

    @Override
    public SchedulerParameters read(QemuRuntime rt, DomainDef live) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            CgroupBackend b = cpuBackend(rt, "schedinfo --live");
            SchedulerParameters out = SchedulerParameters.of(SchedulerParameter.CPU_SHARES,
                    b.cpuShares(rt.cgroups.domain()));
            for (SchedulerParameter[] pair : PAIRS) {
                List<Cgroup> groups = groupsOf(rt, pair[0]);
                CpuBandwidth bw = groups.isEmpty() ? CpuBandwidth.unlimited(CpuBandwidth.DEFAULT_PERIOD)
                        : b.cpuBandwidth(groups.get(0));
                out = out.with(pair[0], bw.periodUs()).with(pair[1], bw.quotaUs());
            }
            return out;
        }
    }

    private static final SchedulerParameter[][] PAIRS = {
        {SchedulerParameter.VCPU_PERIOD, SchedulerParameter.VCPU_QUOTA},
        {SchedulerParameter.EMULATOR_PERIOD, SchedulerParameter.EMULATOR_QUOTA},
        {SchedulerParameter.GLOBAL_PERIOD, SchedulerParameter.GLOBAL_QUOTA},
        {SchedulerParameter.IOTHREAD_PERIOD, SchedulerParameter.IOTHREAD_QUOTA}};

    @Override
    public void apply(QemuRuntime rt, DomainDef newLive, SchedulerParameters change) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            CgroupBackend b = cpuBackend(rt, "schedinfo --live --set");
            Deque<Runnable> undo = new ArrayDeque<>();
            try {
                if (change.get(SchedulerParameter.CPU_SHARES).isPresent()) {
                    Cgroup d = rt.cgroups.domain();
                    // restored as written: v2's weight does not convert back to the same shares
                    java.nio.file.Path file = b.controlFile(CgroupController.CPU, d,
                            b.version() == org.jvirt.linux.cgroup.CgroupVersion.V2 ? "cpu.weight" : "cpu.shares");
                    String old = read(file);
                    b.setCpuShares(d, change.get(SchedulerParameter.CPU_SHARES).getAsLong());
                    undo.push(() -> write(file, old));
                }
                for (SchedulerParameter[] pair : PAIRS) {
                    if (change.get(pair[0]).isEmpty() && change.get(pair[1]).isEmpty()) {
                        continue;
                    }
                    for (Cgroup g : groupsOf(rt, pair[0])) {
                        CpuBandwidth old = b.cpuBandwidth(g);
                        b.setCpuBandwidth(g, new CpuBandwidth(change.get(pair[0]).orElse(old.periodUs()),
                                change.get(pair[1]).orElse(old.quotaUs())));
                        undo.push(() -> b.setCpuBandwidth(g, old));
                    }
                }
            } catch (VirtException e) {
                rollBack(undo, e);
                throw e;
            }
        }
    }

    private static String read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot read " + file + ": "
                    + org.jvirt.error.IoReason.of(e), e);
        }
    }

    private static void write(java.nio.file.Path file, String value) {
        try {
            java.nio.file.Files.writeString(file, value);
        } catch (java.io.IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot restore " + value + " in " + file
                    + ": " + org.jvirt.error.IoReason.of(e), e);
        }
    }

    private static void rollBack(Deque<Runnable> undo, VirtException failure) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (VirtException again) {
                failure.addSuppressed(again);
            }
        }
    }

    /**
     * Every group of the domain gets {@code nodeset}: the domain's group first with the union of
     * its old and new nodes (a v1 parent must hold its children's), then each thread group, then
     * the domain's group with the new nodes alone.
     */
    @Override
    public void applyNodeset(QemuRuntime rt, DomainDef live, CpuSet nodeset) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            CgroupBackend b = rt.cgroups.backend();
            if (!b.has(CgroupController.CPUSET)) {
                throw VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.QEMU, "numatune --live needs the cgroup cpuset "
                        + "controller, which this host does not offer to jvirt: the memory cannot move");
            }
            Cgroup domain = rt.cgroups.domain();
            List<Cgroup> threads = new ArrayList<>();
            threads.add(rt.cgroups.emulator());
            rt.vcpuThreads().keySet().forEach(v -> threads.add(rt.cgroups.vcpu(v)));
            rt.iothreadThreads().keySet().forEach(i -> threads.add(rt.cgroups.iothread(i)));
            Deque<Runnable> undo = new ArrayDeque<>();
            try {
                CpuSet oldDomain = b.mems(domain);
                migrate(b, domain);
                b.setMems(domain, oldDomain.union(nodeset));
                undo.push(() -> b.setMems(domain, oldDomain));
                for (Cgroup g : threads) {
                    if (b.exists(g)) {
                        CpuSet old = b.mems(g);
                        migrate(b, g);
                        b.setMems(g, nodeset);
                        undo.push(() -> b.setMems(g, old));
                    }
                }
                b.setMems(domain, nodeset);
            } catch (VirtException e) {
                rollBack(undo, e);
                throw e;
            }
            rt.mems = Optional.of(nodeset);
        }
    }

    /** v1: the kernel moves a group's pages when its cpuset.mems changes; v2 does nothing here. */
    private static void migrate(CgroupBackend b, Cgroup g) {
        b.setMemoryMigrate(g, true);
    }
}
