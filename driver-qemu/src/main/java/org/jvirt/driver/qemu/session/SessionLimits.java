package org.jvirt.driver.qemu.session;

import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DomainDef;
import org.jvirt.model.MemTune;

/**
 * What a session domain may not ask for without the cgroup controller that enforces it, checked
 * before anything is made: {@code <shares>} and every period/quota of {@code <cputune>} (cpu),
 * {@code <memtune>} (memory), a strict or restrictive {@code <numatune>} memory node set
 * (cpuset.mems). libvirt 9.0's session refuses the first two at start ("CPU tuning is not
 * available in session mode", "Memory tuning is not available in session mode"); jvirt refuses
 * them only where its session has no such controller (a delegated cgroup v2 subtree may give
 * cpu and memory), with the reason, instead of starting a domain without its limits.
 */
public final class SessionLimits {
    private SessionLimits() {
    }

    /** CONFIG_UNSUPPORTED naming the first setting of {@code def} that {@code cgroups} cannot enforce. */
    public static void check(DomainDef def, Optional<CpuSet> mems, CgroupBackend cgroups) {
        CpuTune t = def.cputune();
        if (!cgroups.has(CgroupController.CPU)) {
            if (t.shares().isPresent()) {
                throw refused("cputune: <shares>", "cpu", cgroups);
            }
            if (t.period().isPresent() || t.quota().isPresent() || t.globalPeriod().isPresent()
                    || t.globalQuota().isPresent() || t.emulatorPeriod().isPresent() || t.emulatorQuota().isPresent()
                    || t.iothreadPeriod().isPresent() || t.iothreadQuota().isPresent()) {
                throw refused("cputune: a period or quota", "cpu", cgroups);
            }
        }
        if (!cgroups.has(CgroupController.MEMORY) && def.memtune().filter(m -> !m.equals(MemTune.EMPTY)).isPresent()) {
            throw refused("<memtune>", "memory", cgroups);
        }
        if (!cgroups.has(CgroupController.CPUSET) && mems.isPresent()) {
            throw refused("numatune: memory node set " + mems.get().format() + " (cpuset.mems)", "cpuset", cgroups);
        }
    }

    private static VirtException refused(String what, String controller, CgroupBackend cgroups) {
        String why = cgroups instanceof NoCgroups none ? none.why()
                : "the cgroup subtree delegated to this session does not offer it";
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, "%s needs the cgroup %s controller, and "
                + "%s (qemu:///session); remove it from the definition or use qemu:///system", what, controller, why);
    }
}
