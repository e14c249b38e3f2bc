package org.jvirt.linux;

/**
 * Starts host processes (QEMU, unshare, helpers) and signals them: the seam between drivers and
 * processes. {@link RealProcessLauncher} is the real one; core's test-jar has a fake.
 */
public interface ProcessLauncher extends ProcessSignaller {
    /**
     * Starts {@code spec}.
     *
     * @throws org.jvirt.error.VirtException SYSTEM_ERROR naming the program and the reason
     *         (not found, not executable, log file not writable)
     */
    LaunchedProcess start(LaunchSpec spec);
}
