package org.jvirt.driver.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jvirt.protocol.Frame;
import org.jvirt.protocol.FrameDecoder;
import org.jvirt.protocol.Frames;
import org.jvirt.protocol.Header;
import org.jvirt.protocol.MessageStatus;
import org.jvirt.protocol.Procedure;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * A misbehaving server on 127.0.0.1 for the fault tests: it answers the opening handshake like
 * libvirtd (AUTH_LIST none, keepalive supported, CONNECT_OPEN), then hands every other call to
 * the test's {@link Behaviour} on a worker thread (as libvirtd's workers: keepalive is answered
 * meanwhile), which may answer, stay silent, send garbage or hang up. {@link #log} lists, in the
 * order they happened, the REMOTE calls that arrived and the handshake replies sent
 * ({@code "call CONNECT_OPEN"}, {@code "reply CONNECT_OPEN"}).
 */
final class FakeServer implements AutoCloseable {
    /** What the server does with a call after the handshake. */
    interface Behaviour {
        void call(Frame call, Peer peer) throws Exception;
    }

    /** One accepted client. */
    static final class Peer {
        private final Socket socket;
        private final OutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        synchronized void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        <R> void reply(Procedure<?, R> p, int serial, R value) throws IOException {
            send(Frames.reply(p, serial, value));
        }

        /** {@link #reply}, logged in {@code server}'s {@link #log} first (so before any call it causes). */
        <R> void reply(FakeServer server, Procedure<?, R> p, int serial, R value) throws IOException {
            server.log.add("reply " + p.name());
            reply(p, serial, value);
        }

        void hangUp() throws IOException {
            socket.close();
        }
    }

    private final ServerSocket server;
    private final Thread thread;
    private final Behaviour behaviour;
    private final boolean answerPings;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    final List<Header> received = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    /** Answer CONNECT_SUPPORTS_FEATURE only once CONNECT_OPEN has come too (or after 10 s). */
    private volatile boolean holdFeatureUntilOpen;
    private final java.util.concurrent.CountDownLatch openArrived = new java.util.concurrent.CountDownLatch(1);

    FakeServer(boolean answerPings, Behaviour behaviour) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        this.answerPings = answerPings;
        this.thread = new Thread(this::serve, "fake-libvirtd");
        thread.setDaemon(true);
        thread.start();
    }

    /** Holds the answer to CONNECT_SUPPORTS_FEATURE until CONNECT_OPEN has arrived as well (at most 10 s). */
    FakeServer holdingFeatureUntilOpen() {
        holdFeatureUntilOpen = true;
        return this;
    }

    /** A connection to this server through the remote driver with {@code settings}. */
    org.jvirt.Connection open(RemoteSettings settings) {
        org.jvirt.spi.DriverModule module = new org.jvirt.spi.DriverModule() {
            @Override
            public String scheme() {
                return "remote";
            }

            @Override
            public org.jvirt.spi.DriverFactory factory(org.jvirt.spi.Environment env) {
                return new RemoteDriverFactory(settings);
            }
        };
        return org.jvirt.connect.JvirtBootstrap.connectionFactory(List.of(module),
                org.jvirt.spi.Environment.of(java.util.Map.of())).open(uri(), org.jvirt.connect.ConnectOptions.DEFAULT);
    }

    String uri() {
        return "test+tcp://127.0.0.1:" + server.getLocalPort() + "/default";
    }

    private void serve() {
        try {
            while (!server.isClosed()) {
                Socket s = server.accept();
                clients.add(s);
                Thread t = new Thread(() -> session(s), "fake-libvirtd-client");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void session(Socket s) {
        try (s) {
            Peer peer = new Peer(s);
            InputStream in = s.getInputStream();
            FrameDecoder decoder = new FrameDecoder();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                decoder.feed(ByteBuffer.wrap(buf, 0, n), f -> {
                    try {
                        handle(f, peer);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            // the client or the test ended it
        }
    }

    private void handle(Frame f, Peer peer) throws Exception {
        Header h = f.header();
        received.add(h);
        if (h.program() == org.jvirt.protocol.remote.Keepalive.PROGRAM.number()) {
            if (answerPings && h.procedure() == org.jvirt.protocol.remote.Keepalive.PING.number()) {
                peer.send(Frames.message(org.jvirt.protocol.remote.Keepalive.PONG, 0, null));
            }
            return;
        }
        int proc = h.procedure();
        if (h.program() == RemoteProgram.PROGRAM.number()) {
            log.add("call " + RemoteProgram.TABLE.find(proc).map(Procedure::name).orElse(Integer.toString(proc)));
        }
        if (proc == RemoteProgram.AUTH_LIST.number()) {
            peer.reply(this, RemoteProgram.AUTH_LIST, h.serial(), List.of(0));
        } else if (proc == RemoteProgram.CONNECT_SUPPORTS_FEATURE.number()) {
            if (holdFeatureUntilOpen) {
                Thread held = new Thread(() -> {
                    try {
                        openArrived.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        peer.reply(this, RemoteProgram.CONNECT_SUPPORTS_FEATURE, h.serial(), 1);
                    } catch (IOException | InterruptedException e) {
                        // the session ended
                    }
                }, "fake-libvirtd-held-reply");
                held.setDaemon(true);
                held.start();
            } else {
                peer.reply(this, RemoteProgram.CONNECT_SUPPORTS_FEATURE, h.serial(), 1);
            }
        } else if (proc == RemoteProgram.CONNECT_OPEN.number()) {
            openArrived.countDown();
            peer.reply(this, RemoteProgram.CONNECT_OPEN, h.serial(), null);
        } else if (proc == RemoteProgram.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.number()) {
            peer.reply(RemoteProgram.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, h.serial(), h.serial());
        } else if (proc == RemoteProgram.CONNECT_CLOSE.number()) {
            peer.reply(RemoteProgram.CONNECT_CLOSE, h.serial(), null);
        } else {
            Thread worker = new Thread(() -> {
                try {
                    behaviour.call(f, peer);
                } catch (Exception e) {
                    // the behaviour ended the session
                }
            }, "fake-libvirtd-worker");
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** A reply header with any status for the call {@code f}. */
    static Header replyTo(Frame f, MessageStatus status) {
        Header h = f.header();
        return new Header(h.program(), h.version(), h.procedure(), org.jvirt.protocol.MessageType.REPLY, h.serial(), status);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : clients) {
            s.close();
        }
    }
}
