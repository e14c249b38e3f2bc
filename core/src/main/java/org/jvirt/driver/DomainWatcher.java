package org.jvirt.driver;

import org.jvirt.StateReason;

/**
 * How a driver reports what happened to a running domain without a job of this connection: it
 * stopped on its own (guest shutdown, crash), or it was paused or resumed by someone else
 * (another jvirt process's job, QEMU itself on an I/O error).
 */
@FunctionalInterface
public interface DomainWatcher {
    void stopped(StateReason reason);

    /** Paused without this connection asking: the state becomes paused (unknown) if it was running. */
    default void paused() {
    }

    /** Resumed without this connection asking: the state becomes running (unpaused) if it was paused. */
    default void resumed() {
    }

    /**
     * The domain restarted by itself as a new process (a container whose init rebooted): core
     * writes its status again.
     */
    default void restarted() {
    }
}
