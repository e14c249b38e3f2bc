package org.jvirt.driver.remote.transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a socket with the JDK's {@link SSLEngine}: the handshake (blocking, on the opening
 * thread, bounded by a deadline that closes the socket), libvirt's one status byte after it,
 * then record wrapping for sends (any thread, under the transport's write lock) and unwrapping
 * for reads (the loop thread). Buffers exist only while bytes are in them: an idle TLS
 * connection holds no record buffers.
 */
public final class TlsLayer implements StreamLayer {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer early;

    private TlsLayer(SSLEngine engine) {
        this.engine = engine;
    }

    /**
     * Runs the handshake on a connected, blocking channel, then reads the byte libvirt's server
     * sends once it has checked the client: 1 means go on.
     */
    public static TlsLayer handshake(SocketChannel channel, SSLEngine engine) throws IOException {
        TlsLayer t = new TlsLayer(engine);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer in = ByteBuffer.allocate(packet);
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        ByteBuffer out = ByteBuffer.allocate(packet);
        loop:
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    out.clear();
                    SSLEngineResult r = engine.wrap(EMPTY, out);
                    out.flip();
                    while (out.hasRemaining()) {
                        channel.write(out);
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the TLS session closed during the handshake");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    SSLEngineResult r = engine.unwrap(in, app);
                    in.compact();
                    switch (r.getStatus()) {
                        case BUFFER_UNDERFLOW -> {
                            if (!in.hasRemaining()) {
                                in = grow(in, packet);
                            }
                            if (channel.read(in) < 0) {
                                throw new EOFException("the server closed the connection during the TLS handshake");
                            }
                        }
                        case BUFFER_OVERFLOW -> app = grow(app, engine.getSession().getApplicationBufferSize());
                        case CLOSED -> throw new SSLException("the server ended the TLS handshake");
                        default -> {
                        }
                    }
                }
                case NEED_TASK -> runTasks(engine);
                default -> {
                    break loop;
                }
            }
        }
        // the status byte: application data, possibly not here yet
        while (app.position() == 0) {
            in.flip();
            SSLEngineResult r = in.hasRemaining() ? engine.unwrap(in, app) : null;
            in.compact();
            if (r != null && r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new EOFException("the server refused the TLS session after the handshake");
            }
            if (r != null && r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                app = grow(app, engine.getSession().getApplicationBufferSize());
                continue;
            }
            if (r != null && r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks(engine);
                continue;
            }
            if (r == null || r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                    || (r.bytesProduced() == 0 && r.bytesConsumed() == 0)) {
                if (!in.hasRemaining()) {
                    in = grow(in, packet);
                }
                if (channel.read(in) < 0) {
                    throw new EOFException("the server closed the connection after the TLS handshake "
                            + "(it did not accept this client's certificate or address)");
                }
            }
        }
        app.flip();
        byte status = app.get();
        if (status != 1) {
            throw new SSLException("the server rejected this client after the TLS handshake (status byte " + status
                    + ", 1 expected)");
        }
        if (app.hasRemaining()) {
            t.early = ByteBuffer.allocate(app.remaining()).put(app).flip();
        }
        in.flip();
        if (in.hasRemaining()) {
            t.netIn = ByteBuffer.allocate(Math.max(packet, in.remaining())).put(in);
        }
        return t;
    }

    /** Delivers what arrived with the handshake, before the loop reads more. */
    @Override
    public void drainEarly(Consumer<ByteBuffer> app) throws IOException {
        if (early != null) {
            ByteBuffer e = early;
            early = null;
            app.accept(e);
        }
        if (netIn != null && netIn.position() > 0) {
            unwrap(ByteBuffer.allocate(0), app, r -> {
            });
        }
    }

    /** Encrypts one outgoing chunk into whole records. */
    @Override
    public ByteBuffer wrap(ByteBuffer app) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer out = ByteBuffer.allocate(packet + app.remaining() + app.remaining() / 8);
        while (app.hasRemaining()) {
            SSLEngineResult r = engine.wrap(app, out);
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> out = grow(out, packet);
                case CLOSED -> throw new SSLException("the TLS session is closed");
                default -> {
                }
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks(engine);
            }
        }
        return out.flip();
    }

    /**
     * Decrypts what came from the network, handing plaintext to {@code app}; false once the
     * server has closed the session.
     */
    @Override
    public boolean unwrap(ByteBuffer net, Consumer<ByteBuffer> app, RecordSink engineOut) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn == null) {
            netIn = ByteBuffer.allocate(Math.max(packet, net.remaining()));
        }
        if (netIn.remaining() < net.remaining()) {
            netIn = grow(netIn, net.remaining());
        }
        netIn.put(net);
        netIn.flip();
        ByteBuffer plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        try {
            while (netIn.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(netIn, plain);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    plain = grow(plain, engine.getSession().getApplicationBufferSize());
                    continue;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return false;
                }
                if (plain.position() > 0) {
                    plain.flip();
                    app.accept(plain);
                    plain.clear();
                }
                handshakeWork(r.getHandshakeStatus(), engineOut);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    break;
                }
            }
        } finally {
            netIn.compact();
            if (netIn.position() == 0) {
                netIn = null;
            }
        }
        return true;
    }

    private void handshakeWork(SSLEngineResult.HandshakeStatus hs, RecordSink engineOut) throws IOException {
        while (true) {
            switch (hs) {
                case NEED_TASK -> {
                    runTasks(engine);
                    hs = engine.getHandshakeStatus();
                }
                case NEED_WRAP -> {
                    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                    SSLEngineResult r = engine.wrap(EMPTY, out);
                    engineOut.send(out.flip());
                    hs = r.getHandshakeStatus();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int more) {
        ByteBuffer bigger = ByteBuffer.allocate(b.capacity() + Math.max(more, 1024));
        b.flip();
        return bigger.put(b);
    }
}
