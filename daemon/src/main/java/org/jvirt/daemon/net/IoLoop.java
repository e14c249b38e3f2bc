package org.jvirt.daemon.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that does all of jvirtd's socket I/O: accepts, reads and the writes that could
 * not be done at once, for every client, with non-blocking channels on one selector. Calls run
 * elsewhere (the worker pool); nothing here blocks, so a client that stops reading costs a
 * queued buffer, never a thread. Once a second it runs the tickers (keepalive, deadlines).
 */
public final class IoLoop implements AutoCloseable {
    /** What a registered channel does when it is ready. */
    public interface Handler {
        void ready(SelectionKey key) throws IOException;

        /** The handler failed or the loop is closing: release the channel. */
        void failed(Exception cause);
    }

    private static final System.Logger LOG = System.getLogger("jvirtd");
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Runnable> tickers = new CopyOnWriteArrayList<>();
    /** One read buffer for every client: reading happens only on this thread. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final Thread thread;
    private volatile boolean running = true;

    public IoLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Makes a selection-key change (from any thread) take effect now. */
    void wakeup() {
        selector.wakeup();
    }

    /** Registers {@code channel} (non-blocking) with {@code handler}; call on the loop thread. */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        channel.configureBlocking(false);
        return channel.register(selector, ops, handler);
    }

    public void addTicker(Runnable ticker) {
        tickers.add(ticker);
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    private void run() {
        long nextTick = System.nanoTime() + TICK_NANOS;
        while (running) {
            try {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                selector.select(wait);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Handler h = (Handler) key.attachment();
                    try {
                        if (key.isValid()) {
                            h.ready(key);
                        }
                    } catch (IOException | RuntimeException e) {
                        h.failed(e);
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - nextTick >= 0) {
                    nextTick = System.nanoTime() + TICK_NANOS;
                    tickers.forEach(IoLoop::runQuietly);
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "I/O loop: " + e, e);
            }
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "I/O loop ticker: " + e, e);
        }
    }

    @Override
    public void close() {
        running = false;
        for (SelectionKey key : selector.keys()) {
            ((Handler) key.attachment()).failed(new IOException("jvirtd is stopping"));
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
