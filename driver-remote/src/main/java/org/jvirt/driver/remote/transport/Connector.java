package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.jvirt.driver.remote.RemoteUri;

/** Opens the transport a URI names: a Unix socket, TCP, or TLS over TCP, within a deadline. */
public final class Connector {
    private final IoLoop loop;
    private final int timeoutSeconds;
    private final Path home;

    public Connector(IoLoop loop, int timeoutSeconds, Path home) {
        this.loop = loop;
        this.timeoutSeconds = timeoutSeconds;
        this.home = home;
    }

    public Transport unix(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to " + socket + ": " + reason(e)
                    + (Files.exists(socket) ? "" : " (no such socket: is the daemon running?)"), e);
        }
        return new SocketTransport(loop, ch, null, "unix:" + socket, true);
    }

    public Transport tcp(RemoteUri uri) throws IOException {
        SocketChannel ch = connect(uri);
        return new SocketTransport(loop, ch, null, "tcp:" + where(uri), false);
    }

    public Transport tls(RemoteUri uri) throws IOException {
        Pki pki = Pki.locate(uri.param("pkipath"), home);
        boolean noVerify = uri.flag("no_verify");
        javax.net.ssl.SSLContext ctx = pki.context(noVerify);
        SocketChannel ch = connect(uri);
        SSLEngine engine = ctx.createSSLEngine(uri.host().orElseThrow(), uri.port());
        if (!noVerify) {
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
        }
        try (Deadline d = new Deadline(loop, timeoutSeconds, ch)) {
            TlsLayer tls;
            try {
                tls = TlsLayer.handshake(ch, engine);
            } catch (IOException e) {
                ch.close();
                if (d.expired()) {
                    throw new IOException("TLS handshake with " + where(uri) + " did not finish within "
                            + timeoutSeconds + " s", e);
                }
                throw new IOException("TLS handshake with " + where(uri) + " failed: " + reason(e), e);
            }
            return new SocketTransport(loop, ch, tls, "tls:" + where(uri), true);
        }
    }

    private SocketChannel connect(RemoteUri uri) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try (Deadline d = new Deadline(loop, timeoutSeconds, ch)) {
            ch.connect(new InetSocketAddress(uri.host().orElseThrow(), uri.port()));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to " + where(uri) + ": " + reason(e), e);
        }
    }

    static String where(RemoteUri uri) {
        String h = uri.host().orElse("localhost");
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + uri.port();
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
