package org.jvirt.linux;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * Sends a signal to a process (kill(2)): the seam the cgroup sweep and the drivers' stop paths
 * use. {@link ProcessHandleSignaller} over {@link JnaSignaller} is the real one.
 */
@FunctionalInterface
public interface ProcessSignaller {
    /**
     * Sends {@code signal} to {@code pid}.
     *
     * @return false when no such process exists (ESRCH); true when the signal was delivered
     * @throws org.jvirt.error.VirtException SYSTEM_ERROR for any other failure (e.g. EPERM)
     */
    boolean send(long pid, Signal signal);

    /**
     * INVALID_ARG unless {@code pid} names one process: kill(0) and kill(-N) address process
     * groups, never what a caller means here.
     */
    static void requireProcessId(long pid, Signal signal) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "cannot send SIG%s to pid %d: not a process id",
                    signal, pid);
        }
    }
}
