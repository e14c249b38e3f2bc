package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.hotplug.VcpuEntities;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.model.CpuSet;
import org.jvirt.driver.DomainWatcher;

/**
 * A running QEMU domain as the driver holds it. Mutated only inside the domain's job, except its
 * run state ({@link QemuRunState}), which the monitor's event thread moves too.
 */
public final class QemuRuntime {
    final String name;
    final long pid;
    final long startTime;
    final Path monitor;
    final DomainCgroups cgroups;
    /** The domain's cpuset.mems (numatune), for the groups of hot-plugged vCPUs. */
    volatile Optional<CpuSet> mems;
    volatile QmpClient qmp;
    /**
     * A domain this connection found running: its monitor is taken ({@link Monitors#attach}) when
     * a job first needs it, not when the connection opens.
     */
    volatile boolean attachOnUse;
    /** Held while {@link #qmp} is this process's: see {@link StateFiles#monitorLock}. */
    volatile DomainLockFile monitorHold;
    volatile DomainWatcher watcher;
    VcpuEntities entities;
    final Map<Integer, Long> iothreadTids = new TreeMap<>();
    private final AtomicReference<QemuRunState> state = new AtomicReference<>(QemuRunState.RUNNING);
    /** This process's own stop and cont, to tell their events from others'. */
    final OwnCommands own = new OwnCommands();

    QemuRuntime(String name, long pid, long startTime, Path monitor, DomainCgroups cgroups, Optional<CpuSet> mems) {
        this.name = name;
        this.pid = pid;
        this.startTime = startTime;
        this.monitor = monitor;
        this.cgroups = cgroups;
        this.mems = mems;
    }

    /** Set once QEMU went away by itself, right before its leftovers (status file included) are removed and the stop is reported. */
    volatile boolean endedByItself;

    private final Object attachLock = new Object();
    private boolean attaching;

    /**
     * Marks an attach of this domain's monitor begun ({@code true}) or over: the monitor's events
     * wait for it ({@link #awaitAttach}), since QEMU may send them between its answers to the
     * attach's queries and the attach's end, when {@link #qmp} is not set yet and the state the
     * attach reports would overtake theirs.
     */
    void attaching(boolean on) {
        synchronized (attachLock) {
            attaching = on;
            if (!on) {
                attachLock.notifyAll();
            }
        }
    }

    /** Waits until no attach of the monitor is under way, at most {@code timeout}. */
    void awaitAttach(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (attachLock) {
            for (long left = timeout.toNanos(); attaching && left > 0; left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(attachLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    QemuRunState state() {
        return state.get();
    }

    /** Moves the run state by {@code event} (atomically); returns the state before it. */
    QemuRunState fire(QemuRunState.Event event) {
        return state.getAndUpdate(s -> QemuRunState.transition(s, event));
    }

    /** Runs {@code stop} or {@code cont} on {@code q}, noted as this process's own when {@code q} is the held monitor. */
    void runOwn(QmpClient q, String command) {
        own.run(q, q == qmp, command);
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
