package org.jvirt.driver.remote.transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A connected socket (Unix or TCP, optionally under TLS) served by the shared {@link IoLoop}:
 * a send writes at once from the caller's thread when nothing is queued, and leaves the rest to
 * the loop (so a call costs no thread switch to go out). Reads happen on the loop thread, except
 * while a caller waiting for its reply reads for everyone ({@link #readUntil}: libvirt's client
 * does the same), so a reply costs one thread wake-up, not two.
 */
public final class SocketTransport implements Transport, IoLoop.Handler, IoLoop.Ticking, DirectReads {
    private final IoLoop loop;
    private final SocketChannel channel;
    /** TLS from the start, or SASL's layer once authentication has negotiated one (written under both locks). */
    private volatile StreamLayer layer;
    private final String description;
    private final boolean secure;
    private final Object writeLock = new Object();
    private ArrayDeque<ByteBuffer> queued;
    private SelectionKey key;
    private Receiver receiver;
    private volatile boolean closed;
    /** Held by whoever reads the socket: the loop or one waiting caller. */
    private final ReentrantLock reading = new ReentrantLock();
    /** The loop stopped watching for reads while a caller read (under writeLock). */
    private boolean loopPaused;

    /** {@code channel} is connected (and, with a TLS {@code layer}, past the handshake); any blocking mode. */
    public SocketTransport(IoLoop loop, SocketChannel channel, StreamLayer layer, String description, boolean secure) {
        this.loop = loop;
        this.channel = channel;
        this.layer = layer;
        this.description = description;
        this.secure = secure;
    }

    @Override
    public void start(Receiver r) throws IOException {
        this.receiver = r;
        channel.configureBlocking(false);
        SelectionKey k = loop.register(channel, this, () -> {
            StreamLayer l = layer;
            if (l != null) {
                try {
                    l.drainEarly(receiver::onData);
                } catch (IOException e) {
                    failed(e);
                }
            }
        });
        synchronized (writeLock) {
            key = k;
        }
        loop.addTicker(this);
    }

    @Override
    public void send(byte[] frame) throws IOException {
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("the connection is closed");
            }
            StreamLayer l = layer;
            enqueue(l == null ? ByteBuffer.wrap(frame) : l.wrap(ByteBuffer.wrap(frame)));
        }
    }

    /** Under writeLock: write now if nothing waits, else queue behind. */
    private void enqueue(ByteBuffer out) throws IOException {
        if (queued == null || queued.isEmpty()) {
            channel.write(out);
            if (!out.hasRemaining()) {
                return;
            }
        }
        if (queued == null) {
            queued = new ArrayDeque<>(4);
        }
        queued.add(out);
        if (key != null && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
            key.interestOps((loopPaused ? 0 : SelectionKey.OP_READ) | SelectionKey.OP_WRITE);
            loop.wakeup();
        }
    }

    @Override
    public void writable() throws IOException {
        synchronized (writeLock) {
            while (queued != null && !queued.isEmpty()) {
                ByteBuffer b = queued.peek();
                channel.write(b);
                if (b.hasRemaining()) {
                    return;
                }
                queued.poll();
            }
            key.interestOps(loopPaused ? 0 : SelectionKey.OP_READ);
        }
    }

    @Override
    public void readable(ByteBuffer scratch) throws IOException {
        if (!reading.tryLock()) {
            // a caller reads: stop watching (it may have paused the loop already)
            pauseLoop();
            return;
        }
        try {
            readOnce(scratch);
        } finally {
            reading.unlock();
        }
    }

    /**
     * Reads for every call on this socket until {@code done}, if no one else is reading; false
     * when someone is (the caller then waits for its reply to be handed to it). The loop stops
     * watching the socket meanwhile; the change is applied when the loop next wakes for any
     * reason, and stays so after the call, so a caller reading call after call costs the loop
     * thread nothing. When the caller is done, the loop watches again: woken at once if
     * {@code loopNeeded} (other calls or events wait), else from its next tick ({@link #tick}).
     */
    @Override
    public boolean readUntil(BooleanSupplier done, BooleanSupplier loopNeeded) {
        if (closed || !reading.tryLock()) {
            return false;
        }
        try {
            pauseLoop();
            CallerSelector mine = CallerSelector.get();
            ByteBuffer buf = mine.buffer();
            // an interrupted caller stops reading (select would return at once) and waits instead
            while (!done.getAsBoolean() && !closed && !Thread.currentThread().isInterrupted()) {
                if (mine.awaitReadable(channel, 100)) {
                    buf.clear();
                    readOnce(buf);
                }
            }
        } catch (IOException e) {
            failed(e);
        } finally {
            reading.unlock();
        }
        if (loopNeeded.getAsBoolean()) {
            resumeLoop();
            loop.wakeup();
        }
        return true;
    }

    /** On the loop thread, once a second: watch again a socket no caller reads. */
    @Override
    public void tick(long nanoTime) {
        if (!reading.isLocked()) {
            resumeLoop();
        }
    }

    private void pauseLoop() {
        synchronized (writeLock) {
            if (!loopPaused && !closed && key != null) {
                loopPaused = true;
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            }
        }
    }

    private void resumeLoop() {
        synchronized (writeLock) {
            if (loopPaused && !closed && key != null) {
                loopPaused = false;
                key.interestOps(key.interestOps() | SelectionKey.OP_READ);
            }
        }
    }

    private void readOnce(ByteBuffer scratch) throws IOException {
        int n = channel.read(scratch);
        if (n < 0) {
            end(null);
            return;
        }
        if (n == 0) {
            return;
        }
        scratch.flip();
        StreamLayer l = layer;
        if (l == null) {
            receiver.onData(scratch);
            return;
        }
        if (!l.unwrap(scratch, receiver::onData, this::sendOwnRecord)) {
            end(new EOFException("the server ended the TLS session"));
        }
    }

    /**
     * From the next byte on, everything sent and received passes through {@code sasl} (SASL's
     * security layer, negotiated by authentication). The server sends nothing between its last
     * authentication reply and the client's next call, so no byte is read under the wrong layer.
     */
    @Override
    public void addSecurityLayer(StreamLayer sasl) throws IOException {
        reading.lock();
        try {
            synchronized (writeLock) {
                if (closed) {
                    throw new IOException("the connection is closed");
                }
                if (layer != null) {
                    throw new IOException(description + " has a security layer already");
                }
                layer = sasl;
            }
        } finally {
            reading.unlock();
        }
    }

    /** A record the layer wants to send by itself (a TLS key update, an alert). */
    private void sendOwnRecord(ByteBuffer record) throws IOException {
        synchronized (writeLock) {
            if (!closed) {
                enqueue(record);
            }
        }
    }

    @Override
    public void failed(IOException e) {
        end(e);
    }

    private void end(IOException cause) {
        if (shut()) {
            receiver.onClosed(cause);
        }
    }

    /** Closes once; true for the call that did. */
    private boolean shut() {
        synchronized (writeLock) {
            if (closed) {
                return false;
            }
            closed = true;
            if (queued != null) {
                queued.clear();
            }
        }
        if (key != null) {
            key.cancel();
        }
        loop.removeTicker(this);
        StreamLayer l = layer;
        if (l != null) {
            l.dispose();
        }
        CallerSelector.forget(channel);
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        loop.wakeup();
        return true;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public void close() {
        shut();
    }
}
