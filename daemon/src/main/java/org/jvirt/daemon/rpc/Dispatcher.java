package org.jvirt.daemon.rpc;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jvirt.daemon.conf.DaemonConf;
import org.jvirt.daemon.net.Access;
import org.jvirt.daemon.net.Peer;
import org.jvirt.daemon.net.PeerIdentity;
import org.jvirt.error.VirtException;
import org.jvirt.protocol.Frame;
import org.jvirt.protocol.Frames;
import org.jvirt.protocol.Header;
import org.jvirt.protocol.MessageStatus;
import org.jvirt.protocol.MessageType;
import org.jvirt.protocol.Procedure;
import org.jvirt.protocol.ProtocolException;
import org.jvirt.protocol.remote.Keepalive;
import org.jvirt.protocol.remote.RemoteError;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * Routes what clients send: keepalive answered on the I/O thread, calls checked (open? allowed on
 * this access?) and run on the worker pool, at most max_client_requests of one client at once
 * (the rest wait, the client unread meanwhile), every failure turned into an error reply to that
 * call only. Quick reads of a driver that answers from memory run on the I/O thread instead
 * ({@link #runHere}). Also keeps the client registry (max_clients) and runs keepalive.
 */
public final class Dispatcher {
    private static final System.Logger LOG = System.getLogger("jvirtd");
    /** How long a refused client may stay connected without sending its first call. */
    private static final long REJECTED_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * Quick calls of one read of one client run on the I/O thread at most: the read's further
     * calls go to the workers (and wait for max_client_requests slots), so a client that sends
     * thousands at once holds the I/O thread for no more than these.
     */
    static final int INLINE_PER_READ = 16;

    private final CallTable table;
    private final DaemonConf.Limits limits;
    private final ExecutorService workers;
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    /** Clients refused at connect, kept until they are told or their grace ends. */
    private final Map<Long, Session> refused = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public Dispatcher(CallTable table, DaemonConf.Limits limits, ExecutorService workers) {
        this.table = table;
        this.limits = limits;
        this.workers = workers;
    }

    /** A new client; one over max_clients or without access is told so on its first call, then dropped. */
    public Session accept(Peer peer, PeerIdentity identity, Access access) {
        Optional<String> rejection = Optional.empty();
        if (access == Access.DENIED) {
            rejection = Optional.of("access denied: " + identity + " may not use this socket (rw_users/ro_users in "
                    + "jvirtd.conf)");
        } else if (sessions.size() >= limits.maxClients()) {
            rejection = Optional.of("too many clients: jvirtd serves at most " + limits.maxClients()
                    + " at once (max_clients in jvirtd.conf)");
        }
        Session s = new Session(ids.incrementAndGet(), peer, identity, access, rejection, this);
        (rejection.isEmpty() ? sessions : refused).put(s.id(), s);
        LOG.log(System.Logger.Level.DEBUG, () -> s + " connected");
        return s;
    }

    public Collection<Session> sessions() {
        return sessions.values();
    }

    void closed(Session s, String reason) {
        sessions.remove(s.id());
        refused.remove(s.id());
        LOG.log(System.Logger.Level.DEBUG, () -> s + " disconnected: " + reason);
    }

    void frame(Session s, Frame f) {
        Header h = f.header();
        if (s.rejection().isPresent()) {
            s.peer().sendAndClose(error(h, ErrorReplies.of(ErrorReplies.VIR_ERR_OPERATION_DENIED,
                    ErrorReplies.VIR_FROM_RPC, s.rejection().get())), s.rejection().get());
            return;
        }
        if (h.program() == Keepalive.PROGRAM.number()) {
            if (h.procedure() == Keepalive.PING.number() && h.type() == MessageType.MESSAGE) {
                s.send(Frames.message(Keepalive.PONG, 0, null));
            }
            return; // a PONG: hearing it was the point
        }
        if (h.type() != MessageType.CALL) {
            if (h.type() == MessageType.CALL_WITH_FDS) {
                s.send(error(h, ErrorReplies.rpc("passing file descriptors is not supported by jvirtd")));
            }
            return; // replies, messages and streams from a client answer nothing of ours
        }
        if (h.program() != RemoteProgram.PROGRAM.number() || h.version() != RemoteProgram.PROGRAM.version()) {
            s.send(error(h, ErrorReplies.rpc(String.format("Cannot find program %d version %d", h.program(),
                    h.version()))));
            return;
        }
        Optional<CallTable.Entry<?, ?>> entry = table.find(h.procedure());
        if (s.admit(f, limits.maxClientRequests())) {
            boolean quick = entry.isEmpty() || entry.get().quick() && s.quickInline();
            if (quick && s.peer().framesOfRead() <= INLINE_PER_READ) {
                runHere(s, f, entry);
            } else {
                submit(s, f);
            }
        } // else it waits for a slot (Session.admit), the client unread meanwhile
    }

    /**
     * Runs one call on the calling thread and sends its reply, the client's slot freed first: a
     * worker's, or the I/O thread's for a quick call (an unknown procedure's error, or a quick
     * read of a driver that answers from memory). Handing such a call to a worker costs more than
     * the call (a wake-up of the worker, its sleep after, on a machine of few CPUs a context switch
     * each). It still takes one of the client's max_client_requests slots while it runs, so it
     * waits behind the client's waiting calls like any other; at most {@link #INLINE_PER_READ}
     * of one read run on the I/O thread.
     */
    private void runHere(Session s, Frame f, Optional<CallTable.Entry<?, ?>> entry) {
        byte[] reply;
        try {
            reply = run(s, f, entry);
        } finally {
            // before the reply goes out: a client that waits for it before its next call never
            // finds this one still counted
            next(s);
        }
        s.send(reply);
    }

    /** Runs {@code f} on a worker; when it is done the client's next waiting call takes its slot. */
    private void submit(Session s, Frame f) {
        try {
            workers.execute(() -> runHere(s, f, table.find(f.header().procedure())));
        } catch (RejectedExecutionException e) {
            next(s);
            s.send(error(f.header(), ErrorReplies.rpc("jvirtd is stopping")));
        }
    }

    private void next(Session s) {
        s.finished().ifPresent(waiting -> submit(s, waiting));
    }

    void oversize(Session s, Header h, long length) {
        String msg = String.format("frame of %d bytes exceeds the limit of %d bytes (max_frame_bytes in jvirtd.conf)",
                length, limits.maxFrameBytes());
        if (h.type() == MessageType.CALL) {
            s.send(error(h, ErrorReplies.rpc(msg)));
        }
        LOG.log(System.Logger.Level.WARNING, s + ": " + msg);
    }

    /** Runs one call: the reply frame, or the error frame for this call. */
    private byte[] run(Session s, Frame f, Optional<CallTable.Entry<?, ?>> entry) {
        Header h = f.header();
        if (entry.isEmpty()) {
            return error(h, unknown(h.procedure()));
        }
        CallTable.Entry<?, ?> e = entry.get();
        if (e.kind() != CallTable.Kind.PRE_OPEN && !s.isOpen()) {
            return error(h, ErrorReplies.of(ErrorReplies.VIR_ERR_INTERNAL_ERROR, ErrorReplies.VIR_FROM_RPC,
                    "internal error: hypervisor connection not open"));
        }
        if (e.kind() == CallTable.Kind.WRITE && s.readOnly()) {
            return error(h, ErrorReplies.of(ErrorReplies.VIR_ERR_OPERATION_DENIED, ErrorReplies.VIR_FROM_RPC,
                    "operation forbidden: read only access prevents " + e.procedure().name()));
        }
        try {
            return invoke(s, f, e);
        } catch (ProtocolException x) {
            return error(h, ErrorReplies.rpc("Unable to decode message payload: " + x.getMessage()));
        } catch (VirtException x) {
            return error(h, ErrorReplies.of(x));
        } catch (RuntimeException | LinkageError | StackOverflowError x) {
            // a client always gets its answer: also when the call fails with an error of the JVM
            // that leaves the daemon able to go on (a class missing, say from a jar replaced under
            // the running daemon), else it would wait for this reply for ever
            LOG.log(System.Logger.Level.ERROR, s + ": " + e.procedure() + " failed: " + x, x);
            return error(h, ErrorReplies.of(ErrorReplies.VIR_ERR_INTERNAL_ERROR, ErrorReplies.VIR_FROM_NONE,
                    "internal error: " + e.procedure().name() + " failed: " + x));
        }
    }

    private static <A, R> byte[] invoke(Session s, Frame f, CallTable.Entry<A, R> e) {
        Procedure<A, R> p = e.procedure();
        A args = f.decode(p.args());
        R result = e.handler().handle(new Call(s, f.header().serial()), args);
        return Frames.encode(p.replyHeader(f.header().serial(), MessageStatus.OK), p.result(), result);
    }

    /**
     * libvirt's answer to a procedure jvirtd does not serve: NO_SUPPORT for one of libvirt's own
     * (the driver lacks it), "unknown procedure" for a number libvirt 9.0 does not have.
     */
    private static RemoteError unknown(int procedure) {
        if (LibvirtProcedures.isCall(procedure)) {
            return ErrorReplies.of(ErrorReplies.VIR_ERR_NO_SUPPORT, ErrorReplies.VIR_FROM_DOMAIN,
                    "this function is not supported by the connection driver: procedure " + procedure
                            + " of the remote program (see docs/jvirtd.md for what jvirtd serves)");
        }
        return ErrorReplies.rpc("unknown procedure: " + procedure);
    }

    static byte[] error(Header call, RemoteError e) {
        Header h = new Header(call.program(), call.version(), call.procedure(), MessageType.REPLY, call.serial(),
                MessageStatus.ERROR);
        return Frames.encode(h, RemoteProgram.ERROR, e);
    }

    /** Once a second: keepalive pings and drops, refused clients that never called. */
    public void tick() {
        long now = System.nanoTime();
        for (Session s : refused.values()) {
            if (now - s.connectedNanos > REJECTED_GRACE_NANOS) {
                s.peer().close(s.rejection().orElse("refused"));
            }
        }
        long interval = TimeUnit.SECONDS.toNanos(limits.keepaliveInterval());
        for (Session s : sessions.values()) {
            if (s.keepalive && s.peer().readingPaused()) {
                // at max_client_requests jvirtd does not read the client: its silence is jvirtd's doing
                s.lastHeardNanos = now;
                continue;
            }
            if (!s.keepalive || now - s.lastHeardNanos < interval || now - s.lastPingNanos < interval) {
                continue;
            }
            if (s.unansweredPings >= limits.keepaliveCount()) {
                s.peer().close("keepalive: no answer to " + s.unansweredPings + " pings in "
                        + limits.keepaliveInterval() * s.unansweredPings + " s");
                continue;
            }
            s.unansweredPings++;
            s.lastPingNanos = now;
            s.send(Frames.message(Keepalive.PING, 0, null));
        }
    }
}
