package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread that reads and writes every socket of the connections that share it, and
 * ticks once a second for keepalive and deadlines. A thousand connections need this one thread.
 */
public final class IoLoop implements AutoCloseable {
    /** A channel's owner, called on the loop thread. */
    public interface Handler {
        /** Data may be read; {@code scratch} is the loop's buffer, cleared, to read into. */
        void readable(ByteBuffer scratch) throws IOException;

        void writable() throws IOException;

        /** Reading or writing threw. */
        void failed(IOException e);
    }

    /** Something checked once a second (keepalive, deadlines), on the loop thread. */
    @FunctionalInterface
    public interface Ticking {
        void tick(long nanoTime);
    }

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int SCRATCH = 64 * 1024;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<Ticking> tickers = ConcurrentHashMap.newKeySet();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(SCRATCH);
    private volatile boolean running = true;

    public IoLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the loop thread, soon. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Lets a changed interest set take effect now. */
    public void wakeup() {
        selector.wakeup();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Registers a non-blocking channel for reading and runs {@code first} on the loop right after,
     * before anything is read from it; returns once it is registered.
     */
    public SelectionKey register(SelectableChannel channel, Handler handler, Runnable first) throws IOException {
        CompletableFuture<SelectionKey> key = new CompletableFuture<>();
        execute(() -> {
            try {
                SelectionKey k = channel.register(selector, SelectionKey.OP_READ, handler);
                first.run();
                key.complete(k);
            } catch (ClosedChannelException | RuntimeException e) {
                key.completeExceptionally(e);
            }
        });
        try {
            return key.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot watch the socket: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the I/O thread did not take the socket within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering the socket");
        }
    }

    public void addTicker(Ticking t) {
        tickers.add(t);
    }

    public void removeTicker(Ticking t) {
        tickers.remove(t);
    }

    /** Channels registered now (for tests and the connection benchmark). */
    public int channels() {
        return selector.keys().size();
    }

    private void run() {
        long nextTick = System.nanoTime() + TICK_NANOS;
        while (running) {
            try {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                selector.select(wait);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    runQuietly(task);
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    dispatch(key);
                }
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_NANOS;
                    for (Ticking t : tickers) {
                        try {
                            t.tick(now);
                        } catch (RuntimeException e) {
                            // one connection's failure never stops the loop
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // select itself failed: go on; channels report their own errors
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private void dispatch(SelectionKey key) {
        Handler h = (Handler) key.attachment();
        try {
            if (key.isValid() && key.isReadable()) {
                scratch.clear();
                h.readable(scratch);
            }
            if (key.isValid() && key.isWritable()) {
                h.writable();
            }
        } catch (CancelledKeyException e) {
            // closed meanwhile
        } catch (IOException e) {
            h.failed(e);
        } catch (RuntimeException e) {
            h.failed(new IOException(e.toString(), e));
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // a task's failure is its owner's business
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
    }
}
