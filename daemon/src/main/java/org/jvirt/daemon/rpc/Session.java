package org.jvirt.daemon.rpc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jvirt.Connection;
import org.jvirt.daemon.net.Access;
import org.jvirt.daemon.net.Peer;
import org.jvirt.daemon.net.PeerIdentity;
import org.jvirt.protocol.Frame;
import org.jvirt.protocol.Header;

/**
 * One client: who it is and what it may do, the driver connection it opened (shared with every
 * other client of that URI), its event callbacks, its calls in progress and its keepalive state.
 */
public final class Session implements Peer.Receiver {
    /** An event callback the client registered: which event, and for which domain (empty: all). */
    public record Callback(int eventId, Optional<UUID> domain) {
    }

    private final long id;
    private final Peer peer;
    private final PeerIdentity identity;
    private final Dispatcher dispatcher;
    private final Optional<String> rejection;
    private volatile Access access;
    private volatile String uri;
    private volatile Connection connection;
    /** Whether its driver answers quick reads from memory, so they run on the I/O thread. */
    private volatile boolean quickInline;
    private final Map<Integer, Callback> callbacks = new ConcurrentHashMap<>();
    /** Calls running for this client (at most max_client_requests); guarded by this. */
    private int running;
    /** Calls read beyond max_client_requests, run in order as running ones finish; guarded by this. */
    private final Deque<Frame> waiting = new ArrayDeque<>();
    /** Set when the connection closed; not under the lock (the peer reports it holding its own). */
    private volatile boolean gone;
    volatile boolean keepalive;
    volatile long lastHeardNanos = System.nanoTime();
    volatile long lastPingNanos;
    volatile int unansweredPings;
    final long connectedNanos = System.nanoTime();

    Session(long id, Peer peer, PeerIdentity identity, Access access, Optional<String> rejection,
            Dispatcher dispatcher) {
        this.id = id;
        this.peer = peer;
        this.identity = identity;
        this.access = access;
        this.rejection = rejection;
        this.dispatcher = dispatcher;
    }

    public long id() {
        return id;
    }

    public PeerIdentity identity() {
        return identity;
    }

    public Peer peer() {
        return peer;
    }

    public boolean readOnly() {
        return access != Access.READ_WRITE;
    }

    /** Why this client is refused (too many clients, access denied), told on its first call. */
    Optional<String> rejection() {
        return rejection;
    }

    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    public Optional<String> uri() {
        return Optional.ofNullable(uri);
    }

    /**
     * The client opened {@code uri}; a read-only open makes a read-write client read-only.
     * {@code fromMemory}: the driver answers from memory ({@code DriverPool.answersFromMemory}),
     * so the client's quick reads may run on the I/O thread.
     */
    public synchronized void opened(String openedUri, Connection conn, boolean readOnlyRequested, boolean fromMemory) {
        this.uri = openedUri;
        this.connection = conn;
        this.quickInline = fromMemory;
        if (readOnlyRequested) {
            access = Access.READ_ONLY;
        }
    }

    /** The client asked for keepalive: from now on a silent client is pinged, then dropped. */
    public void enableKeepalive() {
        keepalive = true;
    }

    boolean quickInline() {
        return quickInline;
    }

    public boolean isOpen() {
        return connection != null;
    }

    public int addCallback(int callbackId, Callback cb) {
        callbacks.put(callbackId, cb);
        return callbackId;
    }

    public boolean removeCallback(int callbackId) {
        return callbacks.remove(callbackId) != null;
    }

    public Map<Integer, Callback> callbacks() {
        return callbacks;
    }

    /**
     * A call arrives: true when it may run now (a slot under {@code max} is free and none waits
     * before it); otherwise it waits and this client's socket is not read until a slot frees, as
     * libvirtd stops reading a client with max_client_requests calls in progress.
     */
    synchronized boolean admit(Frame call, int max) {
        if (running < max && waiting.isEmpty()) {
            running++;
            return true;
        }
        waiting.add(call);
        peer.pauseReading();
        return false;
    }

    /**
     * A call finished: the next waiting call, which takes over its slot, or empty when none waits
     * (the slot is free and the client is read again). A client that is gone runs nothing more.
     */
    synchronized Optional<Frame> finished() {
        if (gone) {
            waiting.clear();
        }
        Frame next = waiting.poll();
        if (next == null) {
            running--;
            peer.resumeReading();
        }
        return Optional.ofNullable(next);
    }

    /** Calls running now. */
    public synchronized int callsRunning() {
        return running;
    }

    /** Calls read and waiting for a slot. */
    public synchronized int callsWaiting() {
        return waiting.size();
    }

    public void send(byte[] frame) {
        peer.send(frame);
    }

    @Override
    public void frame(Frame frame) {
        lastHeardNanos = System.nanoTime();
        unansweredPings = 0;
        dispatcher.frame(this, frame);
    }

    @Override
    public void oversize(Header header, long length) {
        lastHeardNanos = System.nanoTime();
        dispatcher.oversize(this, header, length);
    }

    @Override
    public void closed(String reason) {
        gone = true;
        callbacks.clear();
        dispatcher.closed(this, reason);
    }

    @Override
    public String toString() {
        return "client " + id + " " + identity;
    }
}
