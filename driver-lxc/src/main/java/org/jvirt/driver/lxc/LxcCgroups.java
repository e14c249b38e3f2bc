package org.jvirt.driver.lxc;

import java.util.EnumSet;
import java.util.Set;

import org.jvirt.driver.lxc.linux.CgroupDevicePrograms;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupVersion;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.MemoryLimit;

/** Writes a container's {@link LxcLimits} into its cgroup, before any of its processes exist. */
final class LxcCgroups {
    /** Without these a container's CPU and memory limits cannot be enforced. */
    static final Set<CgroupController> REQUIRED = EnumSet.of(CgroupController.CPU, CgroupController.CPUSET, CgroupController.MEMORY);

    private LxcCgroups() {
    }

    static void requireControllers(CgroupBackend cg) {
        for (CgroupController c : REQUIRED) {
            if (!cg.has(c)) {
                throw VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.LXC,
                        "cgroup: containers need the %s controller, which this host does not offer (%s, using %s)",
                        c.kernelName(), cg.version(), cg.controllers());
            }
        }
    }

    /** Whether the host can freeze a group: v1 with the freezer controller, or any v2 (cgroup.freeze). */
    static boolean canFreeze(CgroupBackend cg) {
        return cg.version() == CgroupVersion.V2 || cg.has(CgroupController.FREEZER);
    }

    /** Whether {@code group} exists and is frozen (false where nothing can freeze it). */
    static boolean isFrozen(CgroupBackend cg, Cgroup group) {
        return canFreeze(cg) && cg.exists(group) && cg.isFrozen(group);
    }

    /**
     * Creates {@code group} and writes every limit: cpuset first (a v1 cpuset refuses tasks until
     * set); the device rules through the v1 devices controller, or on v2 as a BPF program.
     */
    static void create(CgroupBackend cg, Cgroup group, LxcLimits l, CgroupDevicePrograms programs) {
        cg.create(group);
        cg.setCpus(group, l.cpus());
        l.mems().ifPresent(m -> cg.setMems(group, m));
        cg.setCpuBandwidth(group, l.bandwidth());
        if (l.shares().isPresent()) {
            cg.setCpuShares(group, l.shares().getAsLong());
        }
        cg.setMemoryLimit(group, MemoryLimit.HARD, l.memoryBytes());
        if (l.softBytes().isPresent()) {
            cg.setMemoryLimit(group, MemoryLimit.SOFT, l.softBytes().getAsLong());
        }
        if (l.swapBytes().isPresent()) {
            cg.setMemoryLimit(group, MemoryLimit.SWAP_HARD, l.swapBytes().getAsLong());
        }
        if (cg.deviceControl()) {
            cg.setDeviceAcl(group, l.devices());
        } else if (cg.version() == CgroupVersion.V2) {
            programs.attach(cg.directories(group).get(0), l.devices());
        }
    }
}
