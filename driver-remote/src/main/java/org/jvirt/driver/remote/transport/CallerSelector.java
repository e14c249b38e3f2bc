package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * A calling thread's own selector and read buffer, for the times it reads its reply itself
 * ({@link SocketTransport#readUntil}); the socket is registered only while it does.
 */
final class CallerSelector {
    private static final ThreadLocal<Selector> SELECTOR = ThreadLocal.withInitial(() -> {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    private CallerSelector() {
    }

    static Selector get() {
        return SELECTOR.get();
    }

    static ByteBuffer buffer() {
        return BUFFER.get();
    }

    /** Drops the registration now, so a closed socket is not kept open by this selector. */
    static void release(SelectionKey key) {
        if (key == null) {
            return;
        }
        key.cancel();
        try {
            key.selector().selectNow();
        } catch (IOException e) {
            // the selector is only this thread's
        }
    }
}
