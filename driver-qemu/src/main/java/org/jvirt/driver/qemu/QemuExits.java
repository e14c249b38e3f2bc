package org.jvirt.driver.qemu;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.monitor.QmpListener;
import org.jvirt.driver.qemu.process.ProcessKiller;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Signal;
import org.jvirt.driver.DomainWatcher;

/**
 * The end of a QEMU's life as one connection sees it (docs/qemu.md#live-operations): the monitor events that end or
 * restart a guest, reaping a QEMU that went away by itself, removing what a stopped domain left,
 * and letting go of every monitor when the connection closes.
 */
final class QemuExits {
    /** The longest an event waits for an attach under way (its queries' own timeouts end it sooner). */
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(60);

    private final QemuSettings settings;
    private final StateFiles files;
    private final DomainLocks locks;
    private final ProcessKiller killer;
    private final ProcessSignaller signals;
    private final RebootMark reboots;
    private final Set<QemuRuntime> running = ConcurrentHashMap.newKeySet();

    QemuExits(QemuSettings settings, StateFiles files, DomainLocks locks, ProcessKiller killer,
              ProcessSignaller signals, RebootMark reboots) {
        this.settings = settings;
        this.reboots = reboots;
        this.files = files;
        this.locks = locks;
        this.killer = killer;
        this.signals = signals;
    }

    /** The monitor listener of {@code rt}: pauses by others, guest power-off and reboot, the monitor's end. */
    QmpListener listener(QemuRuntime rt) {
        return new QmpListener() {
            @Override
            public void event(QmpEvent event) {
                // an event QEMU sent while this process attaches the monitor acts once the attach
                // is over: the monitor is rt.qmp then, and the state the attach reports is older
                rt.awaitAttach(ATTACH_WAIT);
                switch (event.name()) {
                    case "STOP" -> onStop(rt);
                    case "RESUME" -> onResume(rt);
                    case "SHUTDOWN" -> {
                        // without a monitor (an attach that failed) the next attach finds the guest off
                        if (event.data().path("guest").asBoolean(false) && rt.qmp != null) {
                            onGuestShutdown(rt);
                        }
                    }
                    default -> {
                        // other events change nothing here
                    }
                }
            }

            @Override
            public void closed() {
                onMonitorClosed(rt);
            }
        };
    }

    /** -no-shutdown pauses QEMU after a guest's shutdown: that stop is part of it, not a pause. */
    void onStop(QemuRuntime rt) {
        boolean own = rt.own.consumeStop();
        DomainWatcher w = rt.watcher;
        if (!own && rt.state().reportsPauses() && w != null) {
            w.paused();
        }
    }

    /** The RESUME that ends a reboot's reset is the reboot's, not a resume. */
    void onResume(QemuRuntime rt) {
        QemuRunState before = rt.fire(QemuRunState.Event.RESUMED);
        boolean own = rt.own.consumeResume();
        DomainWatcher w = rt.watcher;
        if (!own && before.reportsPauses() && w != null) {
            w.resumed();
        }
    }

    /**
     * The guest shut down: a reboot asked for (by a job of any process: {@link RebootMark}) resets
     * it and goes on, else QEMU is asked to end. A note whose reset is done is what is left of a
     * finished reboot (its process ended before deleting it): this power-off is the guest's own.
     */
    void onGuestShutdown(QemuRuntime rt) {
        RebootMark.Phase phase = reboots.phase(rt);
        if (phase == RebootMark.Phase.ASKED) {
            rt.fire(QemuRunState.Event.REBOOT_ASKED);
        } else if (phase == RebootMark.Phase.RESET) {
            reboots.cancel(rt);
        }
        QemuRunState before = rt.fire(QemuRunState.Event.GUEST_SHUTDOWN);
        QemuRunState now = QemuRunState.transition(before, QemuRunState.Event.GUEST_SHUTDOWN);
        if (now == QemuRunState.RESETTING) {
            try {
                rt.qmp.execute("system_reset");
                try {
                    reboots.resetDone(rt);
                } catch (VirtException unwritable) {
                    // the cont still ends the reboot; a QEMU left in prelaunch is continued at the next attach anyway
                }
                goOnAfterReset(rt);
            } catch (VirtException ignored) {
                // QEMU went away meanwhile (closed() reports it), or this connection closed: the
                // note's phase tells the next process that attaches what is left to do
            }
        } else if (now == QemuRunState.SHUTTING_DOWN) {
            signals.send(rt.pid, Signal.TERM);
        }
    }

    private void goOnAfterReset(QemuRuntime rt) {
        rt.runOwn(rt.qmp, "cont");
        reboots.cancel(rt);
    }

    /**
     * At attach, finishes what a reboot left when the process that held the monitor ended in its
     * middle, from QEMU's {@code status} and the note's phase ({@link RebootMark}): a guest powered
     * off ({@code shutdown}: no jvirt process held the monitor then) with the reboot asked for is
     * reset and goes on; a QEMU reset and not yet continued ({@code prelaunch}) goes on; a note of
     * a reboot whose reset is done, beside a guest that runs, is deleted. True when QEMU was made
     * to go on. Else a powered-off guest is the caller's to end once the domain is attached
     * ({@link #onGuestShutdown}), reported as a shutdown.
     */
    boolean rebootOnAttach(QemuRuntime rt, String status) {
        RebootMark.Phase phase = reboots.phase(rt);
        if (phase == RebootMark.Phase.NONE) {
            return false;
        }
        return switch (status) {
            case "shutdown" -> {
                if (phase == RebootMark.Phase.RESET) {
                    yield false; // rebooted before; this power-off is the guest's own
                }
                onGuestShutdown(rt);
                yield true;
            }
            case "prelaunch" -> {
                // only a reset leaves a started QEMU in prelaunch: the reboot's, before its cont
                rt.fire(QemuRunState.Event.REBOOT_ASKED);
                rt.fire(QemuRunState.Event.GUEST_SHUTDOWN);
                try {
                    goOnAfterReset(rt);
                } catch (VirtException ignored) {
                    // QEMU went away meanwhile: the monitor's end reports it
                }
                yield true;
            }
            default -> {
                if (phase == RebootMark.Phase.RESET) {
                    reboots.cancel(rt); // the reboot is done; only its note was left
                }
                yield false;
            }
        };
    }

    /** The monitor ended: expected when jvirt stops QEMU, else QEMU went away by itself. */
    void onMonitorClosed(QemuRuntime rt) {
        QemuRunState ended = QemuRunState.transition(rt.fire(QemuRunState.Event.MONITOR_CLOSED),
                QemuRunState.Event.MONITOR_CLOSED);
        if (!ended.endedByItself()) {
            return;
        }
        reap(rt);
        DomainWatcher w = rt.watcher;
        if (w != null) {
            w.stopped(ended.stopReason());
        }
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
        if (rt.fire(QemuRunState.Event.CLEANED) == QemuRunState.GONE) {
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
                killer.kill(rt.pid, rt.startTime, settings.destroyGrace(), settings.destroyTimeout());
            } catch (VirtException ignored) {
                // still reported as stopped; the cgroup removal kills what is left
            }
            if (statusIsOurs(rt)) {
                // only now, under the lock: a job of this process that found the status gone while
                // this waited for the lock took it for another process's stop, rightly
                rt.endedByItself = true;
                cleanup(rt);
            } else {
                forget(rt);
            }
        }
    }

    /** Lets go of {@code rt} without touching the host (another process stopped the domain). */
    void forget(QemuRuntime rt) {
        running.remove(rt);
        rt.fire(QemuRunState.Event.CLEANED);
        rt.closeMonitor();
    }

    /** Whether the status file on disk is this runtime's (or gone): not another process's newer start. */
    private boolean statusIsOurs(QemuRuntime rt) {
        Optional<QemuStatus> s = files.readStatus(files.statusFile(rt.name));
        return s.isEmpty() || s.get().names(rt.pid, rt.startTime);
    }
}
