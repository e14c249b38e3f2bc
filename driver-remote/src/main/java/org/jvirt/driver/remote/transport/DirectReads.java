package org.jvirt.driver.remote.transport;

import java.util.function.BooleanSupplier;

/** A transport whose waiting callers may read the socket themselves (see {@link SocketTransport#readUntil}). */
public interface DirectReads {
    boolean readUntil(BooleanSupplier done);
}
