package org.jvirt.driver.lxc;

import java.time.Duration;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.cgroup.CgroupBackend;

/** A container paused and resumed as a whole: its cgroup frozen and thawed. */
final class LxcFreezer {
    private static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(5);

    private final LxcLifecycle life;

    LxcFreezer(LxcLifecycle life) {
        this.life = life;
    }

    void suspend(LxcRuntime rt) {
        CgroupBackend cg = freezer();
        synchronized (rt) {
            cg.freeze(rt.cgroup, FREEZE_TIMEOUT);
            rt.fire(LxcRunState.Event.SUSPENDED);
        }
    }

    void resume(LxcRuntime rt) {
        CgroupBackend cg = freezer();
        synchronized (rt) {
            cg.thaw(rt.cgroup);
            rt.fire(LxcRunState.Event.RESUMED);
        }
    }

    /** Freezes the container's cgroup without changing its run state (a reboot of a paused container). */
    void freeze(LxcRuntime rt) {
        freezer().freeze(rt.cgroup, FREEZE_TIMEOUT);
    }

    boolean isFrozen(String name) {
        return LxcCgroups.isFrozen(life.cgroups(), life.cgroupOf(name));
    }

    private CgroupBackend freezer() {
        CgroupBackend cg = life.cgroups();
        if (!LxcCgroups.canFreeze(cg)) {
            throw VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.LXC,
                    "suspend and resume need the cgroup freezer, which this host does not offer (%s)", cg.version());
        }
        return cg;
    }
}
