package org.jvirt.driver.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jvirt.driver.DomainWatcher;
import org.jvirt.driver.qemu.hotplug.VcpuEntities;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.driver.qemu.monitor.QmpListener;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.Ticker;

/**
 * Which QMP monitor a command of this process goes to. The connection that holds a domain's
 * monitor (and its lock, {@link StateFiles#monitorLock}) uses it for everything. A connection
 * that found the domain running takes its monitor when a job first needs it ({@link #attach}),
 * so that a command that touches no running domain, or only reads what the status file says,
 * opens no monitor at all. A job of another process uses the domain's second monitor,
 * {@code jobs.sock}: it connects on first use and closes when the job ends, so the next job, of
 * whichever process, finds it free. What only the holder can follow it learns from QEMU's events
 * (stop, cont, the guest's shutdown), the status file (vCPU plug and unplug) or the domain's
 * directory (a reboot asked for: {@link RebootMark}).
 */
final class Monitors {
    /** How long a QEMU whose second monitor is gone may take to end before the socket counts as never made. */
    private static final Duration ENDING = Duration.ofSeconds(2);
    private final QemuSettings settings;
    private final StateFiles files;
    private final ProcFs proc;
    private final Ticker ticker;
    private final QemuExits exits;
    private final DomainLocks locks;
    private final Map<String, QmpClient> jobMonitors = new ConcurrentHashMap<>();

    /** {@code exits}: what hears a domain's monitor once this process holds it; {@code locks}: this JVM's lock files. */
    Monitors(QemuSettings settings, StateFiles files, ProcFs proc, Ticker ticker, QemuExits exits, DomainLocks locks) {
        this.settings = settings;
        this.files = files;
        this.proc = proc;
        this.ticker = ticker;
        this.exits = exits;
        this.locks = locks;
    }

    /**
     * Takes the monitor of {@code rt}, a domain the connection found running, when nobody holds
     * it ({@link StateFiles#monitorLock} free); call inside the domain's job. One round trip: the
     * greeting, {@code qmp_capabilities}, {@code query-status} and the vCPU entities are sent and
     * answered together. A state that QEMU reports differently from the status file (paused or
     * resumed by a client that is not jvirt) reaches the watcher as the monitor's events would.
     * When another process holds the monitor, nothing happens and the next job asks again; when
     * the monitor does not answer (a client that is not jvirt holds it), the domain stays without
     * one, as for the rest of this connection.
     */
    void attach(QemuRuntime rt) {
        if (!rt.attachOnUse) {
            return;
        }
        DomainLockFile hold;
        try {
            hold = locks.tryAcquireFile(files.monitorLock(rt.name)).orElse(null);
            if (hold == null) {
                return;
            }
        } catch (VirtException unusable) {
            hold = null; // no lock to go by: ask the monitor itself
        }
        rt.attachOnUse = false;
        QmpClient q = null;
        rt.attaching(true);
        try {
            q = QmpClient.open(rt.monitor, connectTimeout(), settings.monitorCommandTimeout(), exits.listener(rt),
                    () -> proc.isRunning(rt.pid), ticker);
            QmpClient.Pending status = q.submit("query-status", null);
            VcpuEntities.Query entities = VcpuEntities.submitQuery(q);
            q.awaitReady(connectTimeout());
            String now = status.get().path("status").asText("running");
            rt.entities = entities.get(rt.pid);
            rt.qmp = q;
            rt.monitorHold = hold;
            // a reboot left halfway, or a guest that powered off while no jvirt process held the
            // monitor: the reboot asked for is done now, else QEMU ends (reported as a shutdown)
            if (exits.rebootOnAttach(rt, now)) {
                now = "running";
            } else if (now.equals("shutdown")) {
                exits.onGuestShutdown(rt);
                return;
            }
            boolean running = now.equals("running");
            DomainWatcher w = rt.watcher;
            if (w != null) {
                if (running) {
                    w.resumed();
                } else {
                    w.paused();
                }
            }
        } catch (VirtException e) {
            if (q != null) {
                q.close();
            }
            if (hold != null) {
                hold.close();
            }
        } finally {
            rt.attaching(false);
        }
    }

    private Duration connectTimeout() {
        return Duration.ofMillis(Math.min(2000, settings.monitorConnectTimeout().toMillis()));
    }

    /** The monitor this process holds; OPERATION_FAILED naming the holder's lock otherwise. */
    QmpClient held(QemuRuntime rt, String what) {
        attach(rt);
        QmpClient q = rt.qmp;
        if (q == null || !q.isOpen()) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                    "%s of domain '%s' needs its monitor, which another jvirt process or connection holds (QMP "
                            + "serves one client; it holds %s): run it there, or once it has closed its connection",
                    what, rt.name, files.monitorLock(rt.name));
        }
        return q;
    }

    /** The monitor for a command of a job: the held one, else the domain's jobs monitor. */
    QmpClient forJob(QemuRuntime rt) {
        attach(rt);
        QmpClient q = rt.qmp;
        if (q != null && q.isOpen()) {
            return q;
        }
        QmpClient jobs = jobMonitors.get(rt.name);
        if (jobs != null && jobs.isOpen()) {
            return jobs;
        }
        Path socket = files.jobsSocket(rt.name);
        if (!Files.exists(socket)) {
            // QEMU unlinks its sockets as it ends (the guest shut down and the holder of the monitor
            // ended QEMU, outside any job); else it is a QEMU started before jvirt gave it a second monitor
            endedMeanwhile(rt);
            return held(rt, "this command");
        }
        try {
            jobs = QmpClient.connect(socket, connectTimeout(), settings.monitorCommandTimeout(), QmpListener.NONE,
                    () -> proc.isRunning(rt.pid), ticker);
        } catch (VirtException e) {
            endedMeanwhile(rt);
            throw e;
        }
        jobMonitors.put(rt.name, jobs);
        return jobs;
    }

    /** NOT_RUNNING when QEMU of {@code rt} has ended, or ends within a moment (it is on its way out). */
    private void endedMeanwhile(QemuRuntime rt) {
        long deadline = ticker.nanoTime() + ENDING.toNanos();
        while (proc.isSameProcess(rt.pid, rt.startTime) && proc.isRunning(rt.pid)) {
            if (ticker.nanoTime() >= deadline) {
                return;
            }
            ticker.sleep(Duration.ofMillis(20));
        }
        throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.QEMU,
                "domain '%s' is not running: QEMU ended meanwhile (its guest shut down, or it was stopped)", rt.name);
    }

    /** The end of a job on {@code name}: its jobs monitor, if it used one, is closed. */
    void endJob(String name) {
        QmpClient jobs = jobMonitors.remove(name);
        if (jobs != null) {
            jobs.close();
        }
    }
}
