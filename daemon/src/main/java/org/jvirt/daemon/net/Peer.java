package org.jvirt.daemon.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jvirt.protocol.Frame;
import org.jvirt.protocol.Header;
import org.jvirt.protocol.ProtocolException;

/**
 * One connected client's socket: frames in (read on the I/O loop), frames out (from any thread).
 * A frame to send is written at once when nothing is queued before it (no hop through the loop
 * for a reply that fits the socket buffer); the rest waits in the queue and the loop writes it
 * when the socket can take it. The queue is bounded: a client that lets more than
 * {@code maxQueued} bytes pile up (it stopped reading) is disconnected. Reading can be paused
 * (a client at its max_client_requests): the socket is then not read until it is resumed, so the
 * client's further calls wait in its own socket buffer, as libvirtd makes them wait.
 */
public class Peer implements IoLoop.Handler {
    /** Who receives what a peer reads and learns when it is gone. */
    public interface Receiver {
        void frame(Frame frame);

        void oversize(Header header, long length);

        /** Called once, on the loop thread or the closing thread. */
        void closed(String reason);
    }

    private final IoLoop loop;
    private final SocketChannel channel;
    private final FrameReader reader;
    private final long maxQueued;
    private final Codec codec;
    private final Deque<ByteBuffer> out = new ArrayDeque<>();
    private long queued;
    private boolean closed;
    private boolean closeWhenFlushed;
    private boolean readingPaused;
    /** Set while the loop hands on what one read brought: replies made meanwhile go out together after. */
    private boolean batching;
    /**
     * Replies of one read held back at most: beyond, they are written at once, so a client that
     * sends many calls in one go and reads meanwhile never sees its replies pile up to maxQueued.
     */
    private final long batchBytes;
    private static final long BATCH_BYTES = 64 * 1024;
    /** Frames handed on from the read under way, this one included (loop thread only). */
    private int framesOfRead;
    /** Whether the key asks for OP_WRITE (set with the key's interest). */
    private boolean writeInterest;
    private String closeReason;
    private SelectionKey key;
    private Receiver receiver;

    public Peer(IoLoop loop, SocketChannel channel, int maxFrame, long maxQueued) {
        this(loop, channel, maxFrame, maxQueued, Codec.PLAIN);
    }

    /** A TLS client's peer: its frames travel in the session's records. */
    public Peer(IoLoop loop, SocketChannel channel, int maxFrame, long maxQueued, TlsServer.Session tls) {
        this(loop, channel, maxFrame, maxQueued, (Codec) tls);
    }

    private Peer(IoLoop loop, SocketChannel channel, int maxFrame, long maxQueued, Codec codec) {
        this.codec = codec;
        this.loop = loop;
        this.channel = channel;
        this.reader = new FrameReader(maxFrame);
        this.maxQueued = maxQueued;
        this.batchBytes = Math.min(BATCH_BYTES, maxQueued / 4);
    }

    /** Starts reading; call on the loop thread. */
    public void start(Receiver r) throws IOException {
        this.receiver = r;
        this.key = loop.register(channel, SelectionKey.OP_READ, this);
    }

    public SocketChannel channel() {
        return channel;
    }

    @Override
    public void ready(SelectionKey k) throws IOException {
        if (k.isWritable()) {
            flush();
        }
        if (k.isValid() && k.isReadable()) {
            read();
        }
    }

    private void read() throws IOException {
        ByteBuffer buf = loop.readBuffer();
        buf.clear();
        int n = channel.read(buf);
        if (n < 0) {
            close(reader.idle() ? "the client closed the connection" : "the client closed the connection mid-frame");
            return;
        }
        buf.flip();
        synchronized (this) {
            batching = true;
        }
        framesOfRead = 0;
        try {
            reader.feed(codec.decode(buf), new FrameReader.Sink() {
                @Override
                public void frame(Frame frame) {
                    framesOfRead++;
                    receiver.frame(frame);
                }

                @Override
                public void oversize(Header header, long length) {
                    receiver.oversize(header, length);
                }
            });
        } catch (ProtocolException e) {
            close("protocol error: " + e.getMessage());
        } finally {
            boolean replies;
            synchronized (this) {
                batching = false;
                replies = !out.isEmpty();
            }
            if (replies) {
                flush();
            }
        }
    }

    /**
     * Queues {@code frame} for the client; writes what the socket takes now. Disconnects a client
     * whose queue would pass the bound (unless the queue is empty: one frame always fits).
     */
    public void send(byte[] frame) {
        boolean wantWrite;
        synchronized (this) {
            if (closed || closeWhenFlushed) {
                return;
            }
            if (queued > 0 && queued + frame.length > maxQueued) {
                closeLocked("it does not read what it is sent: " + queued + " bytes are waiting, the limit is "
                        + maxQueued + " (max_queued_bytes)");
                return;
            }
            ByteBuffer bytes;
            try {
                bytes = codec.encode(frame);
            } catch (IOException e) {
                closeLocked("TLS: " + e.getMessage());
                return;
            }
            out.add(bytes);
            queued += bytes.remaining();
            if (out.size() > 1 && !batching) {
                return; // the loop writes it after the ones before
            }
            if (batching && queued < batchBytes) {
                return; // written with the others of this read, after it
            }
            try {
                writeQueued();
            } catch (IOException e) {
                closeLocked("write failed: " + e.getMessage());
                return;
            }
            wantWrite = !out.isEmpty();
        }
        if (wantWrite) {
            updateInterest();
        }
    }

    /** Stops reading this client's socket until {@link #resumeReading()}; any thread. */
    public void pauseReading() {
        synchronized (this) {
            if (readingPaused) {
                return;
            }
            readingPaused = true;
        }
        updateInterest();
    }

    /** Reads this client's socket again; any thread. */
    public void resumeReading() {
        synchronized (this) {
            if (!readingPaused) {
                return;
            }
            readingPaused = false;
        }
        updateInterest();
    }

    /** How many frames the read under way has handed on so far, the current one included; loop thread only. */
    public int framesOfRead() {
        return framesOfRead;
    }

    public synchronized boolean readingPaused() {
        return readingPaused;
    }

    /** Sends {@code frame}, then closes once it is written (an error the client must see before the end). */
    public void sendAndClose(byte[] frame, String reason) {
        send(frame);
        synchronized (this) {
            if (closed) {
                return;
            }
            closeWhenFlushed = true;
            closeReason = reason;
            if (out.isEmpty()) {
                closeLocked(reason);
            }
        }
    }

    /** Writes what waits (after a read, or when the socket takes more); then reads or writes as the state says. */
    private void flush() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            writeQueued();
            if (out.isEmpty() && closeWhenFlushed) {
                closeLocked(closeReason);
                return;
            }
            if (out.isEmpty() != writeInterest) {
                return; // the key already asks for what is needed (the common case: all written, no OP_WRITE)
            }
        }
        updateInterest();
    }

    /** Writes the queue, several frames in one gathering write, until it is empty or the socket is full. */
    private void writeQueued() throws IOException {
        while (!out.isEmpty()) {
            long n = out.size() == 1 ? channel.write(out.peek()) : channel.write(out.toArray(ByteBuffer[]::new));
            queued -= n;
            while (!out.isEmpty() && !out.peek().hasRemaining()) {
                out.poll();
            }
            if (n == 0 || !out.isEmpty()) {
                return; // the socket is full: the loop writes the rest when it takes more
            }
        }
    }

    /** Sets the key's interest from the state: read unless paused, write while bytes wait. */
    private void updateInterest() {
        SelectionKey k = key;
        if (k == null) {
            return;
        }
        synchronized (this) {
            if (closed || !k.isValid()) {
                return;
            }
            writeInterest = !out.isEmpty();
            k.interestOps((readingPaused ? 0 : SelectionKey.OP_READ) | (writeInterest ? SelectionKey.OP_WRITE : 0));
        }
        if (!loop.inLoop()) {
            loop.wakeup();
        }
    }

    public synchronized long queuedBytes() {
        return queued;
    }

    public void close(String reason) {
        synchronized (this) {
            closeLocked(reason);
        }
    }

    private void closeLocked(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        out.clear();
        queued = 0;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // gone anyway
        }
        Receiver r = receiver;
        if (r != null) {
            r.closed(reason);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void failed(Exception cause) {
        close(cause instanceof IOException ? "connection error: " + cause.getMessage() : "internal error: " + cause);
    }
}
