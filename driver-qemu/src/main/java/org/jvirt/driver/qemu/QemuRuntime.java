package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.hotplug.VcpuEntities;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.model.CpuSet;
import org.jvirt.driver.DomainWatcher;

/**
 * A running QEMU domain as the driver holds it. Mutated only inside the domain's job, except
 * the stop flags, which the monitor's event thread reads.
 */
public final class QemuRuntime {
    final String name;
    final long pid;
    final long startTicks;
    final Path monitor;
    final DomainCgroups cgroups;
    /** The domain's cpuset.mems (numatune), for the groups of hot-plugged vCPUs. */
    final Optional<CpuSet> mems;
    volatile QmpClient qmp;
    /** Held while {@link #qmp} is this process's: see {@link StateFiles#monitorLock}. */
    volatile DomainLockFile monitorHold;
    volatile DomainWatcher watcher;
    VcpuEntities entities;
    final Map<Integer, Long> iothreadTids = new TreeMap<>();
    /** Set before the driver stops QEMU itself: the monitor's EOF is then expected. */
    final AtomicBoolean stopping = new AtomicBoolean();
    /** Set once the host state of the domain has been removed. */
    final AtomicBoolean cleaned = new AtomicBoolean();
    volatile boolean guestShutdown;
    volatile boolean fakeReboot;
    /** From the guest's SHUTDOWN until QEMU runs again (reboot) or ends: its STOP is part of it. */
    volatile boolean inGuestShutdown;
    /** STOP and RESUME events still to come of this process's own {@code stop} / {@code cont}. */
    final AtomicInteger ownStops = new AtomicInteger();
    final AtomicInteger ownResumes = new AtomicInteger();

    QemuRuntime(String name, long pid, long startTicks, Path monitor, DomainCgroups cgroups, Optional<CpuSet> mems) {
        this.name = name;
        this.pid = pid;
        this.startTicks = startTicks;
        this.monitor = monitor;
        this.cgroups = cgroups;
        this.mems = mems;
    }

    /**
     * Runs {@code command} ({@code stop} or {@code cont}) on {@code q}; on the held monitor its
     * event is noted in {@code own} first, so that the listener tells it from someone else's.
     */
    static void runCounted(QemuRuntime rt, QmpClient q, String command, AtomicInteger own) {
        boolean held = q == rt.qmp;
        if (held) {
            own.incrementAndGet();
        }
        try {
            q.execute(command);
        } catch (RuntimeException e) {
            if (held) {
                own.decrementAndGet();
            }
            throw e;
        }
    }

    /** Whether an event was one of this process's own (and counts it off). */
    static boolean consumeOwn(AtomicInteger own) {
        return own.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Lets go of the monitor: the socket first, then its lock, so that the next holder finds it free. */
    void closeMonitor() {
        QmpClient q = qmp;
        if (q != null) {
            q.close();
        }
        DomainLockFile h = monitorHold;
        monitorHold = null;
        if (h != null) {
            h.close();
        }
    }

    public String name() {
        return name;
    }

    /** QEMU's process id. */
    public long pid() {
        return pid;
    }

    /** vCPU id -> host thread id of every online vCPU. */
    public Map<Integer, Long> vcpuThreads() {
        return entities == null ? Map.of() : new TreeMap<>(entities.threadIds());
    }

    /** I/O thread id -> host thread id. */
    public Map<Integer, Long> iothreadThreads() {
        return new TreeMap<>(iothreadTids);
    }

    /** The domain's cgroup, relative to each hierarchy's root. */
    public String cgroup() {
        return cgroups.domain().toString();
    }
}
