package org.jvirt.driver.qemu;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.process.ProcessKiller;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.JobRecord;

/**
 * What the next holder of a domain's lock does about a job whose jvirt process died in the
 * middle of it (the job's record was left in the lock file, see {@link JobRecord}).
 *
 * <ul>
 * <li>{@code start}: complete when the status file names a live QEMU (the status is written last,
 * once every thread is placed); otherwise rolled back: the QEMU the start noted (pid and start
 * time, so never another process) is killed, and the domain's cgroups are removed, which kills
 * whatever else is in them (a QEMU spawned before the start could note it); then the run
 * directory and any stale status. The spawn wrapper itself exits when its parent is no longer
 * the JVM that spawned it, so a wrapper that had not joined the groups yet does not start QEMU.</li>
 * <li>{@code destroy}: finished: the QEMU the status names is killed and everything removed.</li>
 * <li>anything else: nothing here; core puts a running domain's threads back as its live
 * definition says ({@code Hypervisor.reconcile}).</li>
 * </ul>
 */
final class QemuRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(QemuRecovery.class);
    /** Facts a start notes in its record. */
    static final String QEMU_PID = "qemu.pid";
    static final String QEMU_START = "qemu.start";

    private final QemuSettings settings;
    private final StateFiles files;
    private final ProcessKiller killer;
    private final Function<String, DomainCgroups> cgroupsOf;

    QemuRecovery(QemuSettings settings, StateFiles files, ProcessKiller killer,
                 Function<String, DomainCgroups> cgroupsOf) {
        this.settings = settings;
        this.files = files;
        this.killer = killer;
        this.cgroupsOf = cgroupsOf;
    }

    /** Deals with what {@code held}'s interrupted job left on the host; marks it resolved when done. */
    void recover(String name, DomainLocks.Held held) {
        Optional<JobRecord> left = held.interrupted();
        if (left.isEmpty()) {
            return;
        }
        JobRecord r = left.get();
        Optional<QemuStatus> status = files.readStatus(files.statusFile(name));
        boolean running = status.isPresent() && killer.isSame(status.get().pid(), status.get().startTime());
        switch (r.job()) {
            case "start", "create" -> {
                if (running) {
                    LOG.info("domain '{}': the start by process {} completed before it died", name, r.pid());
                } else {
                    LOG.warn("domain '{}': process {} died during its start; rolling it back", name, r.pid());
                    r.longFact(QEMU_PID).ifPresent(pid -> kill(pid, r.longFact(QEMU_START).orElse(-1L)));
                    removeAll(name);
                }
                held.resolved();
            }
            case "destroy" -> {
                LOG.warn("domain '{}': process {} died during its destroy; finishing it", name, r.pid());
                status.ifPresent(s -> kill(s.pid(), s.startTime()));
                removeAll(name);
                held.resolved();
            }
            default -> {
                // core reconciles a running domain; a gone one is cleaned up by whoever finds it
            }
        }
    }

    private void kill(long pid, long startTime) {
        try {
            killer.kill(pid, startTime, Duration.ZERO, settings.destroyTimeout());
        } catch (VirtException e) {
            LOG.warn("cannot kill QEMU process {}: {}", pid, e.getMessage());
        }
    }

    /** Cgroups (and whatever is still in them), run directory and status file. */
    private void removeAll(String name) {
        DomainCgroups cg = cgroupsOf.apply(name);
        cg.remove();
        files.removeDomainDir(name);
        StateFiles.delete(files.statusFile(name));
    }
}
