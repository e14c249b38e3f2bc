package org.jvirt.driver.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.driver.qemu.monitor.QmpListener;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.Ticker;

/**
 * Which QMP monitor a command of this process goes to. The connection that holds a domain's
 * monitor (and its lock, {@link StateFiles#monitorLock}) uses it for everything. A job of another
 * process uses the domain's second monitor, {@code jobs.sock}: it connects on first use and closes
 * when the job ends, so the next job, of whichever process, finds it free. What only the holder
 * can follow it learns from QEMU's events (stop, cont, the guest's shutdown), the status file
 * (vCPU plug and unplug) or the domain's directory (a reboot asked for: {@link RebootMark}).
 */
final class Monitors {
    private final QemuSettings settings;
    private final StateFiles files;
    private final ProcFs proc;
    private final Ticker ticker;
    private final Map<String, QmpClient> jobMonitors = new ConcurrentHashMap<>();

    Monitors(QemuSettings settings, StateFiles files, ProcFs proc, Ticker ticker) {
        this.settings = settings;
        this.files = files;
        this.proc = proc;
        this.ticker = ticker;
    }

    /** The monitor this process holds; OPERATION_FAILED naming the holder's lock otherwise. */
    private QmpClient held(QemuRuntime rt, String what) {
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
            // a QEMU started before jvirt gave it a second monitor
            return held(rt, "this command");
        }
        jobs = QmpClient.connect(socket, Duration.ofMillis(Math.min(2000, settings.monitorConnectTimeout().toMillis())),
                settings.monitorCommandTimeout(), QmpListener.NONE, () -> proc.isRunning(rt.pid), ticker);
        jobMonitors.put(rt.name, jobs);
        return jobs;
    }

    /** The end of a job on {@code name}: its jobs monitor, if it used one, is closed. */
    void endJob(String name) {
        QmpClient jobs = jobMonitors.remove(name);
        if (jobs != null) {
            jobs.close();
        }
    }
}
