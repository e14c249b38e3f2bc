package org.jvirt.driver.lxc;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jvirt.host.NumadAdvice;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.driver.DomainWatcher;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;

/**
 * An active container as the driver holds it. Its instance changes on reboot, so every field is
 * guarded by this object's monitor: the domain job and the exit watcher both take it. Where the
 * instance is in its life is its {@link LxcRunState}.
 */
public final class LxcRuntime {
    final String name;
    final UUID uuid;
    final Cgroup cgroup;
    final Optional<NumadAdvice> numad;
    /** The host CPUs the container may run on (core's resolution at start): a restart keeps them. */
    final CpuSet allowed;
    final DomainWatcher watcher;
    /** The live definition (its vCPU count follows setvcpus): a reboot restarts from it. */
    DomainDef live;
    /** The running instance; null once stopped. */
    LxcProcess instance;
    private LxcRunState state = LxcRunState.RUNNING;

    LxcRuntime(String name, UUID uuid, Cgroup cgroup, Optional<NumadAdvice> numad, CpuSet allowed,
                     DomainWatcher watcher, DomainDef live, LxcProcess instance) {
        this.name = Objects.requireNonNull(name, "name");
        this.uuid = Objects.requireNonNull(uuid, "uuid");
        this.cgroup = Objects.requireNonNull(cgroup, "cgroup");
        this.numad = Objects.requireNonNull(numad, "numad");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        this.live = Objects.requireNonNull(live, "live");
        this.instance = instance;
    }

    synchronized LxcRunState state() {
        return state;
    }

    /** Moves the run state by {@code event}; returns the state before it. */
    synchronized LxcRunState fire(LxcRunState.Event event) {
        LxcRunState before = state;
        state = LxcRunState.transition(state, event);
        return before;
    }

    /** The host pid of the container's init, while running. */
    public synchronized Optional<Long> initPid() {
        return instance == null ? Optional.empty() : Optional.of(instance.initPid());
    }

    public Cgroup cgroup() {
        return cgroup;
    }
}
