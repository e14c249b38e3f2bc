package org.jvirt.daemon.net;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A listening socket on the I/O loop: each accepted channel is handed to {@link Sink} with the
 * identity the transport gives it.
 */
public final class Acceptor implements IoLoop.Handler {
    /** Receives accepted connections (on the loop thread). */
    public interface Sink {
        void accepted(SocketChannel channel, Acceptor from) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger("jvirtd");

    private final ServerSocketChannel server;
    private final String name;
    private final Sink sink;

    public Acceptor(ServerSocketChannel server, String name, Sink sink) {
        this.server = server;
        this.name = name;
        this.sink = sink;
    }

    public String name() {
        return name;
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            try {
                sink.accepted(ch, this);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, name + ": cannot take a connection: " + e.getMessage());
                ch.close();
            }
        }
    }

    @Override
    public void failed(Exception cause) {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    public void close() {
        failed(null);
    }
}
