package org.jvirt.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jvirt.Connection;
import org.jvirt.daemon.calls.ConnectCalls;
import org.jvirt.daemon.calls.DomainCalls;
import org.jvirt.daemon.calls.EventCalls;
import org.jvirt.daemon.calls.EventFanout;
import org.jvirt.daemon.calls.QuickCalls;
import org.jvirt.daemon.calls.VcpuCalls;
import org.jvirt.daemon.conf.DaemonConf;
import org.jvirt.daemon.drivers.DriverPool;
import org.jvirt.daemon.net.Access;
import org.jvirt.daemon.net.Acceptor;
import org.jvirt.daemon.net.IoLoop;
import org.jvirt.daemon.net.Peer;
import org.jvirt.daemon.net.PeerIdentity;
import org.jvirt.daemon.net.TlsServer;
import org.jvirt.daemon.net.UnixSockets;
import org.jvirt.daemon.rpc.CallTable;
import org.jvirt.daemon.rpc.Dispatcher;
import org.jvirt.daemon.rpc.Session;

/**
 * jvirtd assembled: the driver connections (opened first, so running domains are reattached
 * before any client is served), the call table, the worker pool, the I/O loop and the listeners.
 */
public final class Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("jvirtd");

    private final DaemonConf conf;
    private final IoLoop loop = new IoLoop("jvirtd-io");
    private final ExecutorService workers;
    private final Dispatcher dispatcher;
    private final DriverPool drivers;
    private final List<Acceptor> acceptors = new ArrayList<>();
    private final List<Path> socketFiles = new ArrayList<>();
    private final CallTable table = new CallTable();
    /** TLS handshakes, each bounded in time: a client that stalls one holds a thread for that long only. */
    private static final int HANDSHAKE_SECONDS = 10;
    private final ExecutorService handshakes = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "jvirtd-tls-handshake");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ScheduledExecutorService timer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jvirtd-timer");
                t.setDaemon(true);
                return t;
            });

    /** @param opener opens a driver connection in this JVM */
    public Server(DaemonConf conf, Function<String, Connection> opener) {
        this.conf = conf;
        AtomicInteger n = new AtomicInteger();
        DaemonConf.Limits limits = conf.limits();
        this.workers = new ThreadPoolExecutor(limits.maxWorkers(), limits.maxWorkers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "jvirtd-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.dispatcher = new Dispatcher(table, limits, workers);
        EventFanout events = new EventFanout(dispatcher::sessions);
        this.drivers = new DriverPool(conf.uris(), conf.allowNodeFiles(), opener, events::watch);
        ConnectCalls.register(table, drivers);
        DomainCalls.register(table);
        VcpuCalls.register(table);
        org.jvirt.daemon.calls.TuningCalls.register(table);
        EventCalls.register(table);
        QuickCalls.mark(table);
    }

    /** Opens the drivers, then listens. Returns the URIs that failed to open (logged). */
    public List<String> start() throws IOException {
        List<String> failed = drivers.openConfigured();
        loop.addTicker(dispatcher::tick);
        loop.start();
        List<IOException> errors = new ArrayList<>();
        runOnLoop(() -> {
            try {
                listenUnix(conf.unixSockRw(), conf.unixSockRwPerms(), false);
                listenUnix(conf.unixSockRo(), conf.unixSockRoPerms(), true);
                if (conf.listenTcp()) {
                    listenTcp();
                }
                if (conf.tls().listen()) {
                    listenTls();
                }
            } catch (IOException e) {
                errors.add(e);
            }
        });
        if (!errors.isEmpty()) {
            close();
            throw errors.get(0);
        }
        LOG.log(System.Logger.Level.INFO, "listening on " + conf.unixSockRw() + " (read-write) and "
                + conf.unixSockRo() + " (read-only); " + table.size() + " procedures");
        return failed;
    }

    public Collection<Session> sessions() {
        return dispatcher.sessions();
    }

    /** The procedures served: number -> name. */
    public java.util.SortedMap<Integer, String> procedures() {
        return table.names();
    }

    private void runOnLoop(Runnable r) {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        loop.execute(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listenUnix(Path path, int mode, boolean readOnly) throws IOException {
        ServerSocketChannel server = UnixSockets.bind(path, mode);
        socketFiles.add(path);
        String name = readOnly ? "unix-ro" : "unix";
        Acceptor a = new Acceptor(server, name, (ch, from) -> {
            Optional<String> user = UnixSockets.peerUser(ch);
            PeerIdentity id = new PeerIdentity(name, user, Optional.empty(), path.toString());
            connect(ch, id, unixAccessFor(user, readOnly));
        });
        loop.register(server, java.nio.channels.SelectionKey.OP_ACCEPT, a);
        acceptors.add(a);
    }

    private void listenTcp() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(conf.listenAddr(), conf.tcpPort()), 1024);
        Acceptor a = new Acceptor(server, "tcp", (ch, from) -> connect(ch,
                new PeerIdentity("tcp", Optional.empty(), Optional.empty(), String.valueOf(ch.getRemoteAddress())),
                Access.READ_ONLY));
        loop.register(server, java.nio.channels.SelectionKey.OP_ACCEPT, a);
        acceptors.add(a);
    }

    /**
     * TLS: each handshake runs on a handshake thread (blocking, at most {@link #HANDSHAKE_SECONDS}),
     * then the client joins the I/O loop like any other.
     */
    private void listenTls() throws IOException {
        TlsServer tls = new TlsServer(conf.tls());
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(conf.listenAddr(), conf.tls().port()), 1024);
        Access access = conf.tls().readWrite() ? Access.READ_WRITE : Access.READ_ONLY;
        Acceptor a = new Acceptor(server, "tls", (ch, from) -> handshakes.execute(() -> {
            String address = "?";
            java.util.concurrent.ScheduledFuture<?> deadline = timer.schedule(() -> closeQuietly(ch),
                    HANDSHAKE_SECONDS, TimeUnit.SECONDS);
            try {
                address = String.valueOf(ch.getRemoteAddress());
                ch.configureBlocking(true);
                TlsServer.Session session = tls.handshake(ch);
                deadline.cancel(false);
                ch.configureBlocking(false);
                PeerIdentity id = new PeerIdentity("tls", Optional.empty(), Optional.of(session.subject()), address);
                loop.execute(() -> {
                    try {
                        Peer peer = new Peer(loop, ch, conf.limits().maxFrameBytes(), conf.limits().maxQueuedBytes(),
                                session);
                        peer.start(dispatcher.accept(peer, id, access));
                    } catch (IOException e) {
                        closeQuietly(ch);
                    }
                });
            } catch (IOException | RuntimeException e) {
                deadline.cancel(false);
                LOG.log(System.Logger.Level.WARNING, "tls client " + address + " refused: " + e.getMessage());
                closeQuietly(ch);
            }
        }));
        loop.register(server, java.nio.channels.SelectionKey.OP_ACCEPT, a);
        acceptors.add(a);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // gone anyway
        }
    }

    /**
     * root (and the daemon's own user) may use both sockets; others as rw_users / ro_users allow
     * ("*": everybody).
     */
    public Access unixAccessFor(Optional<String> user, boolean readOnlySocket) {
        String self = System.getProperty("user.name");
        boolean root = user.filter(u -> u.equals("root") || u.equals(self)).isPresent();
        if (!readOnlySocket) {
            return root || listed(conf.rwUsers(), user) ? Access.READ_WRITE : Access.DENIED;
        }
        return root || listed(conf.roUsers(), user) ? Access.READ_ONLY : Access.DENIED;
    }

    private static boolean listed(List<String> users, Optional<String> user) {
        return users.contains("*") || user.filter(users::contains).isPresent();
    }

    private void connect(SocketChannel ch, PeerIdentity id, Access access) throws IOException {
        Peer peer = new Peer(loop, ch, conf.limits().maxFrameBytes(), conf.limits().maxQueuedBytes());
        Session s = dispatcher.accept(peer, id, access);
        peer.start(s);
    }

    @Override
    public void close() {
        acceptors.forEach(Acceptor::close);
        loop.close();
        workers.shutdownNow();
        handshakes.shutdownNow();
        timer.shutdownNow();
        drivers.close();
        for (Path p : socketFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // leaving a stale socket file: the next start replaces it
            }
        }
    }

    /** The open driver connection for a URI (tests). */
    public Optional<Connection> driver(String uri) {
        return drivers.ifOpen(uri);
    }

}
