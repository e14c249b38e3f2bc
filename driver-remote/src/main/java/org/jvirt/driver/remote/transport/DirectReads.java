package org.jvirt.driver.remote.transport;

import java.util.function.BooleanSupplier;

/** A transport whose waiting callers may read the socket themselves (see {@link SocketTransport#readUntil}). */
public interface DirectReads {
    /**
     * Reads for every call until {@code done}, unless someone else reads (then false). Afterwards
     * the shared I/O thread watches the socket again: at once when {@code loopNeeded} says so
     * (other calls wait for replies, events are wanted), else from its next tick (within a second).
     */
    boolean readUntil(BooleanSupplier done, BooleanSupplier loopNeeded);
}
