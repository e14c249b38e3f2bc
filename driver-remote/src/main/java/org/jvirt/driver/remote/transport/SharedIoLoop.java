package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one {@link IoLoop} of this JVM, shared by every remote connection: started by the first
 * connection, stopped when the last one closes. Process-wide on purpose: one selector thread for
 * all connections is the point (a connection factory is made per {@code Jvirt.connect}).
 */
public final class SharedIoLoop {
    private static final Object LOCK = new Object();
    private static IoLoop loop;
    private static int users;

    private SharedIoLoop() {
    }

    /** The shared loop; give it back with {@link #release} exactly once. */
    public static IoLoop acquire() {
        synchronized (LOCK) {
            if (loop == null) {
                try {
                    loop = new IoLoop("jvirt-remote-io");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            users++;
            return loop;
        }
    }

    public static void release(IoLoop l) {
        synchronized (LOCK) {
            if (l != loop) {
                return;
            }
            if (--users == 0) {
                loop.close();
                loop = null;
            }
        }
    }
}
