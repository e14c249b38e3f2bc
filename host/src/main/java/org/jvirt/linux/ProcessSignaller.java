package org.jvirt.linux;

/**
 * Sends a signal to a process (kill(2)): the seam the cgroup sweep and the drivers' stop paths
 * use. {@link JnaSignaller} is the real one.
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
}
