package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The host paths a command line names.
 *
 * @param monitorSocket the QMP socket QEMU listens on, held by one jvirt connection for as long as
 *                      it has the domain (events, crash detection)
 * @param jobsSocket    when present, a second QMP socket, for the commands of a job of another
 *                      jvirt process (QMP serves one client per socket; jobs on a domain run one at
 *                      a time, each connecting and closing)
 * @param pidFile       when present, {@code -pidfile}: QEMU writes its pid there and removes the file
 *                      when it exits. QEMU is never told to {@code -daemonize}: its fork would be
 *                      refused by {@code -sandbox spawn=deny} (observed: SIGSYS); the driver
 *                      detaches it with {@code setsid} instead
 */
public record QemuPaths(Path monitorSocket, Optional<Path> jobsSocket, Optional<Path> pidFile) {
    public QemuPaths {
        Objects.requireNonNull(monitorSocket, "monitorSocket");
        Objects.requireNonNull(jobsSocket, "jobsSocket");
        Objects.requireNonNull(pidFile, "pidFile");
    }

    /**
     * The paths jvirt uses in run directory {@code runDir} for domain {@code name}: all in the
     * domain's own {@code NAME.d} directory, which QEMU's user owns (QEMU creates them there).
     */
    public static QemuPaths inRunDir(Path runDir, String name) {
        Path own = domainDir(runDir, name);
        return new QemuPaths(own.resolve("monitor.sock"), Optional.of(own.resolve("jobs.sock")),
                Optional.of(own.resolve("qemu.pid")));
    }

    /** The domain's own directory in {@code runDir}. */
    public static Path domainDir(Path runDir, String name) {
        return runDir.resolve(name + ".d");
    }
}
