package org.jvirt.driver.remote.transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A connected socket (Unix or TCP, optionally under TLS) served by the shared {@link IoLoop}:
 * reads happen on the loop thread; a send writes at once from the caller's thread when nothing
 * is queued, and leaves the rest to the loop (so a call costs no thread switch to go out).
 */
public final class SocketTransport implements Transport, IoLoop.Handler {
    private final IoLoop loop;
    private final SocketChannel channel;
    private final TlsLayer tls;
    private final String description;
    private final boolean secure;
    private final Object writeLock = new Object();
    private ArrayDeque<ByteBuffer> queued;
    private SelectionKey key;
    private Receiver receiver;
    private volatile boolean closed;

    /** {@code channel} is connected (and, with {@code tls}, past the handshake); any blocking mode. */
    public SocketTransport(IoLoop loop, SocketChannel channel, TlsLayer tls, String description, boolean secure) {
        this.loop = loop;
        this.channel = channel;
        this.tls = tls;
        this.description = description;
        this.secure = secure;
    }

    @Override
    public void start(Receiver r) throws IOException {
        this.receiver = r;
        channel.configureBlocking(false);
        SelectionKey k = loop.register(channel, this, () -> {
            if (tls != null) {
                try {
                    tls.drainEarly(receiver::onData);
                } catch (IOException e) {
                    failed(e);
                }
            }
        });
        synchronized (writeLock) {
            key = k;
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("the connection is closed");
            }
            ByteBuffer out = tls == null ? ByteBuffer.wrap(frame) : tls.wrap(ByteBuffer.wrap(frame));
            enqueue(out);
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
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
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
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    @Override
    public void readable(ByteBuffer scratch) throws IOException {
        int n = channel.read(scratch);
        if (n < 0) {
            end(null);
            return;
        }
        if (n == 0) {
            return;
        }
        scratch.flip();
        if (tls == null) {
            receiver.onData(scratch);
            return;
        }
        if (!tls.unwrap(scratch, receiver::onData, this::sendTlsRecord)) {
            end(new EOFException("the server ended the TLS session"));
        }
    }

    /** A TLS record the engine wants to send by itself (a key update, an alert). */
    private void sendTlsRecord(ByteBuffer record) throws IOException {
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
