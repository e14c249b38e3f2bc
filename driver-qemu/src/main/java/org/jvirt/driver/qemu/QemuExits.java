package org.jvirt.driver.qemu;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jvirt.StateReason;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.monitor.QmpListener;
import org.jvirt.driver.qemu.process.ProcessKiller;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Signal;
import org.jvirt.driver.DomainWatcher;

/**
 * The end of a QEMU's life as one connection sees it (QEMU.md 8): the monitor events that end or
 * restart a guest, reaping a QEMU that went away by itself, removing what a stopped domain left,
 * and letting go of every monitor when the connection closes.
 */
final class QemuExits {
    private final QemuSettings settings;
    private final StateFiles files;
    private final DomainLocks locks;
    private final ProcessKiller killer;
    private final ProcessSignaller signals;
    private final Set<QemuRuntime> running = ConcurrentHashMap.newKeySet();

    QemuExits(QemuSettings settings, StateFiles files, DomainLocks locks, ProcessKiller killer,
              ProcessSignaller signals) {
        this.settings = settings;
        this.files = files;
        this.locks = locks;
        this.killer = killer;
        this.signals = signals;
    }

    /** The monitor listener of {@code rt}: guest power-off and reboot, and the monitor's end. */
    QmpListener listener(QemuRuntime rt) {
        return new QmpListener() {
            @Override
            public void event(QmpEvent event) {
                DomainWatcher w = rt.watcher;
                switch (event.name()) {
                    case "STOP" -> {
                        // -no-shutdown pauses QEMU after a guest's shutdown: that stop is part of it
                        if (!QemuRuntime.consumeOwn(rt.ownStops) && !rt.inGuestShutdown && w != null) {
                            w.paused();
                        }
                        return;
                    }
                    case "RESUME" -> {
                        boolean afterReboot = rt.inGuestShutdown;
                        rt.inGuestShutdown = false;
                        if (!QemuRuntime.consumeOwn(rt.ownResumes) && !afterReboot && w != null) {
                            w.resumed();
                        }
                        return;
                    }
                    default -> {
                        if (!event.name().equals("SHUTDOWN") || !event.data().path("guest").asBoolean(false)) {
                            return;
                        }
                    }
                }
                rt.inGuestShutdown = true;
                if (rt.fakeReboot) {
                    rt.fakeReboot = false;
                    try {
                        rt.qmp.execute("system_reset");
                        QemuRuntime.runCounted(rt, rt.qmp, "cont", rt.ownResumes);
                    } catch (VirtException ignored) {
                        // QEMU went away meanwhile: closed() reports it
                    }
                } else {
                    rt.guestShutdown = true;
                    signals.send(rt.pid, Signal.TERM);
                }
            }

            @Override
            public void closed() {
                if (rt.stopping.get()) {
                    return;
                }
                reap(rt);
                DomainWatcher w = rt.watcher;
                if (w != null) {
                    w.stopped(rt.guestShutdown ? StateReason.SHUTDOWN : StateReason.CRASHED);
                }
            }
        };
    }

    /** A runtime started or reattached by this connection. */
    void track(QemuRuntime rt) {
        running.add(rt);
    }

    /** Connection close: monitors closed without stopping anything; QEMU keeps running. */
    void closeMonitors() {
        for (QemuRuntime rt : running) {
            rt.watcher = null;
            rt.closeMonitor();
        }
        running.clear();
    }

    /** Removes what a stopped domain left: monitor, cgroups, run directory, status file (once). */
    void cleanup(QemuRuntime rt) {
        running.remove(rt);
        if (!rt.cleaned.compareAndSet(false, true)) {
            return;
        }
        rt.closeMonitor();
        try {
            rt.cgroups.remove();
        } catch (VirtException ignored) {
            // a leftover directory is swept at the next start of this domain
        }
        files.removeDomainDir(rt.name);
        StateFiles.delete(files.statusFile(rt.name));
    }

    /**
     * After QEMU went away by itself: under the domain's lock (so that another jvirt process is
     * not starting it anew meanwhile) the process is made sure of and its groups and files are
     * removed, unless another process has started the domain again since; then only this
     * runtime is dropped.
     */
    private void reap(QemuRuntime rt) {
        DomainLocks.Held held;
        try {
            held = locks.acquire(rt.name);
        } catch (VirtException busy) {
            forget(rt); // whoever holds the lock is working on the domain: nothing here is ours to remove
            return;
        }
        try (DomainLocks.Held l = held) {
            try {
                killer.kill(rt.pid, rt.startTicks, settings.destroyGrace(), settings.destroyTimeout());
            } catch (VirtException ignored) {
                // still reported as stopped; the cgroup removal kills what is left
            }
            if (statusIsOurs(rt)) {
                cleanup(rt);
            } else {
                forget(rt);
            }
        }
    }

    private void forget(QemuRuntime rt) {
        running.remove(rt);
        rt.cleaned.set(true);
        rt.closeMonitor();
    }

    /** Whether the status file on disk is this runtime's (or gone): not another process's newer start. */
    private boolean statusIsOurs(QemuRuntime rt) {
        Optional<QemuStatus> s = files.readStatus(files.statusFile(rt.name));
        return s.isEmpty() || s.get().names(rt.pid, rt.startTicks);
    }
}
