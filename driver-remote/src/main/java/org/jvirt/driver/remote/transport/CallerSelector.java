package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A calling thread's own selector and read buffer, for the times it reads its reply itself
 * ({@link SocketTransport#readUntil}). The thread's last socket stays registered with it between
 * calls, so back-to-back calls on one connection cost no registration; reading another socket
 * first drops that one. A closed socket's registration is dropped by the closing thread when it
 * is this thread's, else at this thread's next read (the socket itself is shut down at once).
 * A thread that ends leaves its selector to the garbage collector, which closes it (and so lets
 * go of the socket still registered), so short-lived calling threads leak no descriptors.
 */
final class CallerSelector {
    private static final ThreadLocal<CallerSelector> MINE = new ThreadLocal<>();
    private static final Cleaner CLOSER = Cleaner.create();

    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private SelectionKey key;

    private CallerSelector() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CLOSER.register(this, new Closing(selector));
    }

    /** Closes a selector whose thread is gone; holds nothing of the {@link CallerSelector} itself. */
    private record Closing(Selector selector) implements Runnable {
        @Override
        public void run() {
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    static CallerSelector get() {
        CallerSelector c = MINE.get();
        if (c == null) {
            c = new CallerSelector();
            MINE.set(c);
        }
        return c;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** Waits up to {@code millis} for {@code channel} to be readable; true if it is. */
    boolean awaitReadable(SocketChannel channel, long millis) throws IOException {
        if (key == null || key.channel() != channel || !key.isValid()) {
            drop();
            try {
                key = channel.register(selector, SelectionKey.OP_READ);
            } catch (ClosedChannelException e) {
                key = null;
                throw e;
            }
        }
        return selector.select(k -> { }, millis) > 0;
    }

    /** Forgets {@code channel} if it is the one registered (it is being closed). */
    static void forget(SocketChannel channel) {
        CallerSelector c = MINE.get();
        if (c != null && c.key != null && c.key.channel() == channel) {
            c.drop();
        }
    }

    private void drop() {
        if (key == null) {
            return;
        }
        key.cancel();
        key = null;
        try {
            selector.selectNow(k -> { });
        } catch (IOException e) {
            // the selector is only this thread's
        }
    }
}
