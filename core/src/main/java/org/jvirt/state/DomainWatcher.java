package org.jvirt.state;

import org.jvirt.StateReason;

/** How a driver reports that a running domain stopped on its own (guest shutdown, crash). */
@FunctionalInterface
public interface DomainWatcher {
    void stopped(StateReason reason);
}
