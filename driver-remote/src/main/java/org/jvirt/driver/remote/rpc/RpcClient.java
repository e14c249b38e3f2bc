package org.jvirt.driver.remote.rpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jvirt.driver.remote.transport.DirectReads;
import org.jvirt.driver.remote.transport.IoLoop;
import org.jvirt.driver.remote.transport.Transport;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.protocol.Frame;
import org.jvirt.protocol.FrameDecoder;
import org.jvirt.protocol.Frames;
import org.jvirt.protocol.Header;
import org.jvirt.protocol.MessageStatus;
import org.jvirt.protocol.MessageType;
import org.jvirt.protocol.Procedure;
import org.jvirt.protocol.ProtocolException;
import org.jvirt.protocol.remote.Keepalive;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * One connection's calls: many in flight from many threads, matched to replies by serial.
 * Replies complete their call's future on the receiving thread; MESSAGE frames (events) go to
 * the {@link Listener}; keepalive PINGs are answered, and once keepalive is on, a server that
 * stays silent for interval x (count + 1) seconds is declared dead. However the connection ends,
 * every waiting call fails with the same clear error and the listener hears it once.
 */
public final class RpcClient implements Transport.Receiver, IoLoop.Ticking {
    /** What is not a reply. */
    public interface Listener {
        /** A REMOTE MESSAGE frame (an event), on the receiving thread: do not block. */
        void message(Frame frame);

        /** The connection ended for {@code cause} (not called after {@link #close}). */
        void lost(VirtException cause);
    }

    private final String peer;
    private final Transport transport;
    private final Map<Integer, PendingCall> pending = new ConcurrentHashMap<>(8);
    private final AtomicInteger serials = new AtomicInteger();
    private final FrameDecoder decoder = new FrameDecoder();
    private volatile Listener listener;
    private volatile RemoteVirtException closed;
    private volatile long lastHeard = System.nanoTime();
    private volatile int pingsUnanswered;
    private volatile long keepaliveNanos;
    private volatile int keepaliveCount;
    private volatile boolean promptMessages;
    /** After a caller read its reply: whether the I/O thread must read at once. */
    private final BooleanSupplier loopNeeded = this::handOffReading;

    /** A waiting caller's longest sleep between looks at its call (a safety net: completions and hand-overs wake it). */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    public RpcClient(String peer, Transport transport) {
        this.peer = peer;
        this.transport = transport;
    }

    public void start(Listener l) throws IOException {
        this.listener = l;
        transport.start(this);
    }

    public String peer() {
        return peer;
    }

    public Transport transport() {
        return transport;
    }

    /** Starts pinging a silent server every {@code interval} seconds; dead after {@code count} unanswered. */
    public void enableKeepalive(int intervalSeconds, int count) {
        if (intervalSeconds > 0) {
            this.keepaliveCount = count;
            this.keepaliveNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
        }
    }

    /**
     * Whether MESSAGE frames (events) must be read as soon as they come, also while no call
     * waits: then the shared I/O thread takes the socket back at once after a caller read it.
     */
    public void promptMessages(boolean prompt) {
        this.promptMessages = prompt;
    }

    public boolean isOpen() {
        return closed == null;
    }

    public <A, R> CompletableFuture<R> callAsync(Procedure<A, R> p, A args) {
        RemoteVirtException c = closed;
        if (c != null) {
            return CompletableFuture.failedFuture(c.rethrown());
        }
        int serial = serials.getAndIncrement();
        PendingCall f = new PendingCall(p);
        byte[] frame;
        try {
            frame = Frames.call(p, serial, args);
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(RemoteErrors.connection(ErrorCode.INVALID_ARG,
                    "cannot send " + p.name() + ": " + e.getMessage()));
        }
        pending.put(serial, f);
        try {
            transport.send(frame);
        } catch (IOException e) {
            lose(ErrorCode.SYSTEM_ERROR, "cannot send to " + peer + ": " + e.getMessage());
        }
        RemoteVirtException after = closed;
        if (after != null && pending.remove(serial) != null) {
            f.completeExceptionally(after);
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<R> typed = (CompletableFuture<R>) (CompletableFuture<?>) f;
        return typed;
    }

    /** A call, waiting for its reply as long as the connection lives. */
    public <A, R> R call(Procedure<A, R> p, A args) {
        return await(callAsync(p, args), p);
    }

    /** A call that fails with OPERATION_TIMEOUT after {@code seconds} (calls made before keepalive runs). */
    public <A, R> R call(Procedure<A, R> p, A args, long seconds) {
        return await(callAsync(p, args), p, seconds);
    }

    /**
     * {@link #await} for at most {@code seconds}: a server that has not answered by then is given
     * up (the connection ends, OPERATION_TIMEOUT). The caller reads the socket itself as
     * {@link #await} does, so a bounded call costs no timer thread.
     */
    public <R> R await(CompletableFuture<R> f, Procedure<?, ?> p, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        if (!waitFor(f, deadline, true)) {
            String message = peer + " did not answer " + p.name() + " within " + seconds + " s";
            lose(ErrorCode.OPERATION_TIMEOUT, message);
            throw RemoteErrors.connection(ErrorCode.OPERATION_TIMEOUT, message);
        }
        return result(f, p);
    }

    /**
     * The reply of a call made with {@link #callAsync} on this connection. On a socket callers
     * read themselves, the waiting thread reads for every call while no one else does, and else
     * parks until its reply comes or the reader hands the reading over to it (libvirt's client
     * passes the socket between its waiting threads the same way), so the I/O thread is not
     * woken for replies someone waits for.
     */
    public <R> R await(CompletableFuture<R> f, Procedure<?, ?> p) {
        waitFor(f, 0, false);
        return result(f, p);
    }

    /**
     * Waits for {@code f} as {@link #await} says, until {@code deadline} (nanoTime) when
     * {@code bounded}; false when the deadline passed first.
     */
    private boolean waitFor(CompletableFuture<?> f, long deadline, boolean bounded) {
        if (!f.isDone() && transport instanceof DirectReads d && f instanceof PendingCall call) {
            Thread me = Thread.currentThread();
            call.waitedOnBy(me);
            BooleanSupplier done = bounded ? () -> f.isDone() || System.nanoTime() - deadline >= 0 : f::isDone;
            while (!f.isDone() && closed == null && !me.isInterrupted()) {
                long left = bounded ? deadline - System.nanoTime() : PARK_NANOS;
                if (left <= 0) {
                    return false;
                }
                if (!d.readUntil(done, loopNeeded)) {
                    LockSupport.parkNanos(call, Math.min(PARK_NANOS, left));
                }
            }
        }
        if (bounded && !f.isDone() && closed == null) {
            // read by another thread (the I/O thread, SSH's reader): a timed wait
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // result() reports it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    /**
     * After a caller read its reply: wakes another caller waiting for one to read in its place;
     * true when the I/O thread must read instead (events are wanted, or calls wait that no
     * thread waits on).
     */
    private boolean handOffReading() {
        if (promptMessages) {
            return true;
        }
        if (pending.isEmpty()) {
            return false;
        }
        for (PendingCall c : pending.values()) {
            if (!c.isDone() && c.wakeWaiter()) {
                return false;
            }
        }
        return true;
    }

    private static <R> R result(CompletableFuture<R> f, Procedure<?, ?> p) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RemoteVirtException r) {
                throw r.rethrown();
            }
            if (cause instanceof TimeoutException) {
                throw RemoteErrors.connection(ErrorCode.OPERATION_TIMEOUT, "no reply to " + p.name());
            }
            if (cause instanceof VirtException v) {
                throw v;
            }
            throw RemoteErrors.connection(ErrorCode.INTERNAL_ERROR, p.name() + " failed: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RemoteErrors.connection(ErrorCode.OPERATION_FAILED, "interrupted while waiting for " + p.name());
        }
    }

    // ---- receiving (one thread at a time: the loop, or the SSH channel's reader)

    @Override
    public void onData(ByteBuffer data) {
        lastHeard = System.nanoTime();
        pingsUnanswered = 0;
        try {
            decoder.feed(data, this::frame);
        } catch (ProtocolException e) {
            lose(ErrorCode.RPC, "protocol error from " + peer + ": " + e.getMessage());
        }
    }

    private void frame(Frame f) {
        Header h = f.header();
        if (h.program() == Keepalive.PROGRAM.number()) {
            keepalive(h);
            return;
        }
        if (h.program() != RemoteProgram.PROGRAM.number() || h.version() != RemoteProgram.PROGRAM.version()) {
            throw ProtocolException.of("a frame of unknown program 0x%08x version %d", h.program(), h.version());
        }
        switch (h.type()) {
            case REPLY -> reply(h, f);
            case MESSAGE -> {
                Listener l = listener;
                if (l != null) {
                    l.message(f);
                }
            }
            default -> throw ProtocolException.of("an unexpected %s frame (%s)", h.type(), h);
        }
    }

    private void keepalive(Header h) {
        if (h.type() != MessageType.MESSAGE) {
            throw ProtocolException.of("a keepalive %s frame (only messages are allowed)", h.type());
        }
        if (h.procedure() == Keepalive.PING.number()) {
            sendQuietly(Frames.message(Keepalive.PONG, 0, null));
        } else if (h.procedure() != Keepalive.PONG.number()) {
            throw ProtocolException.of("unknown keepalive procedure %d", h.procedure());
        }
    }

    private void reply(Header h, Frame f) {
        PendingCall p = pending.remove(h.serial());
        if (p == null) {
            throw ProtocolException.of("a reply with serial %d, for which no call waits", h.serial());
        }
        if (h.procedure() != p.procedure.number()) {
            p.completeExceptionally(RemoteErrors.connection(ErrorCode.RPC, String.format(
                    "%s answered %s with a reply for procedure %d", peer, p.procedure, h.procedure())));
            throw ProtocolException.of("reply for procedure %d carries the serial of a call to %s", h.procedure(),
                    p.procedure);
        }
        try {
            if (h.status() == MessageStatus.ERROR) {
                p.completeExceptionally(RemoteErrors.of(f.decode(RemoteProgram.ERROR)));
            } else if (h.status() == MessageStatus.OK) {
                p.complete(f.decode(p.procedure.result()));
            } else {
                throw ProtocolException.of("status %s in a reply", h.status());
            }
        } catch (ProtocolException e) {
            p.completeExceptionally(RemoteErrors.connection(ErrorCode.RPC,
                    "cannot decode the reply of " + peer + " to " + p.procedure.name() + ": " + e.getMessage()));
        }
    }

    @Override
    public void onClosed(IOException cause) {
        String why = cause == null ? "the server closed the connection" : cause.getMessage();
        if (!decoder.idle()) {
            why += " (in the middle of a frame: " + decoder.pending() + " received)";
        }
        lose(ErrorCode.SYSTEM_ERROR, "connection to " + peer + " lost: " + why);
    }

    @Override
    public void tick(long now) {
        long interval = keepaliveNanos;
        if (interval == 0 || closed != null) {
            return;
        }
        long silent = now - lastHeard;
        int sent = pingsUnanswered;
        if (silent < interval * (sent + 1L)) {
            return;
        }
        if (sent >= keepaliveCount) {
            lose(ErrorCode.SYSTEM_ERROR, String.format(
                    "connection to %s closed: no answer to %d keepalive pings in %d s", peer, sent,
                    TimeUnit.NANOSECONDS.toSeconds(silent)));
            return;
        }
        pingsUnanswered = sent + 1;
        sendQuietly(Frames.message(Keepalive.PING, 0, null));
    }

    private void sendQuietly(byte[] frame) {
        try {
            transport.send(frame);
        } catch (IOException e) {
            lose(ErrorCode.SYSTEM_ERROR, "cannot send to " + peer + ": " + e.getMessage());
        }
    }

    /** The connection is gone: fail every waiting call once, tell the listener once. */
    private void lose(ErrorCode code, String message) {
        RemoteVirtException cause = RemoteErrors.connection(code, message);
        synchronized (this) {
            if (closed != null) {
                return;
            }
            closed = cause;
        }
        transport.close();
        failAll(cause);
        Listener l = listener;
        if (l != null) {
            l.lost(cause);
        }
    }

    private void failAll(RemoteVirtException cause) {
        for (Integer serial : pending.keySet()) {
            PendingCall p = pending.remove(serial);
            if (p != null) {
                p.completeExceptionally(cause);
            }
        }
    }

    /** Ends the connection from this side; calls still waiting fail with INVALID_CONN. */
    public void close() {
        RemoteVirtException cause = RemoteErrors.connection(ErrorCode.INVALID_CONN, "connection to " + peer + " is closed");
        synchronized (this) {
            if (closed != null) {
                return;
            }
            closed = cause;
        }
        transport.close();
        failAll(cause);
    }

    /** Calls waiting for a reply (tests). */
    public int inFlight() {
        return pending.size();
    }
}
