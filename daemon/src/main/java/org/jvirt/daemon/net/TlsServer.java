package org.jvirt.daemon.net;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.jvirt.daemon.conf.DaemonConf;

/**
 * jvirtd's TLS: the server context from libvirt's PKI files (CA, server certificate, PKCS#8 key),
 * client certificates required and checked against the CA and the DN allow-list, libvirt's status
 * byte after the handshake, and the record layer of each TLS client.
 */
public final class TlsServer {
    private final SSLContext context;
    private final List<Pattern> allowed;

    public TlsServer(DaemonConf.Tls conf) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(conf.caFile())) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] none = new char[0];
            keys.setKeyEntry("server", privateKey(conf.keyFile()), none,
                    certificates(conf.certFile()).toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            // no TLS 1.3 session tickets: libvirt's client reads its status byte right after the
            // handshake, and a ticket arriving first makes that read fail (EAGAIN). The JDK sends no
            // ticket when the session lifetime exceeds a ticket's 7-day maximum.
            context.getServerSessionContext().setSessionTimeout(7 * 24 * 3600 + 1);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: cannot use " + conf.certFile() + ", " + conf.keyFile() + " and " + conf.caFile()
                    + ": " + e.getMessage(), e);
        }
        allowed = conf.allowedDns().stream()
                .map(g -> Pattern.compile(Pattern.quote(g).replace("*", "\\E.*\\Q"))).toList();
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        List<Certificate> out = new ArrayList<>(f.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))));
        if (out.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no certificate");
        }
        return out;
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file);
        int b = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int e = pem.indexOf("-----END PRIVATE KEY-----");
        if (b < 0 || e < b) {
            throw new GeneralSecurityException(file + " is not an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----;"
                    + " convert with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(b + 27, e));
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException x) {
                last = x;
            }
        }
        throw last;
    }

    /**
     * The handshake on a blocking channel (the caller bounds its time), the client's subject
     * checked, libvirt's status byte sent: the codec for the rest of the connection.
     *
     * @throws IOException when the handshake fails or the subject is not allowed (status 0 sent)
     */
    public Session handshake(SocketChannel ch) throws IOException {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        Session s = new Session(engine);
        s.handshake(ch);
        String subject = ((X509Certificate) engine.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                .getName();
        boolean ok = allowed.isEmpty() || allowed.stream().anyMatch(p -> p.matcher(subject).matches());
        // the handshake's last records and the status byte in one write: libvirt's client reads the
        // byte right after the first bytes that follow the handshake arrive
        ByteBuffer status = s.encode(new byte[] {(byte) (ok ? 1 : 0)});
        ByteBuffer all = ByteBuffer.allocate(s.pending.remaining() + status.remaining()).put(s.pending).put(status);
        all.flip();
        writeFully(ch, all);
        if (!ok) {
            throw new IOException("client certificate " + subject + " is not in tls_allowed_dn_list");
        }
        s.subject = subject;
        return s;
    }

    static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** One client's TLS records. */
    public static final class Session implements Codec {
        private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
        private final SSLEngine engine;
        private ByteBuffer netIn;
        private String subject;
        /** Records the handshake made after its last read (TLS 1.3 session tickets), not yet sent. */
        private ByteBuffer pending = EMPTY;

        Session(SSLEngine engine) {
            this.engine = engine;
            this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }

        public String subject() {
            return subject;
        }

        private void handshake(SocketChannel ch) throws IOException {
            engine.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> {
                        out.clear();
                        SSLEngineResult r = engine.wrap(EMPTY, out);
                        out.flip();
                        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP
                                || engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                            ByteBuffer more = ByteBuffer.allocate(pending.remaining() + out.remaining()).put(pending)
                                    .put(out);
                            more.flip();
                            pending = more;
                        } else {
                            ByteBuffer both = ByteBuffer.allocate(pending.remaining() + out.remaining()).put(pending)
                                    .put(out);
                            both.flip();
                            pending = EMPTY;
                            writeFully(ch, both);
                        }
                        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw new SSLException("the TLS session closed during the handshake");
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        netIn.flip();
                        SSLEngineResult r = engine.unwrap(netIn, app);
                        netIn.compact();
                        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                            netIn = room(netIn);
                            if (ch.read(netIn) < 0) {
                                throw new EOFException("the client closed the connection during the TLS handshake");
                            }
                        } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw new SSLException("the client ended the TLS handshake");
                        }
                    }
                    case NEED_TASK -> {
                        Runnable task;
                        while ((task = engine.getDelegatedTask()) != null) {
                            task.run();
                        }
                    }
                    default -> {
                        return;
                    }
                }
            }
        }

        private ByteBuffer room(ByteBuffer b) {
            if (b.hasRemaining()) {
                return b;
            }
            ByteBuffer bigger = ByteBuffer.allocate(b.capacity() * 2);
            b.flip();
            return bigger.put(b);
        }

        @Override
        public synchronized ByteBuffer decode(ByteBuffer net) throws IOException {
            if (netIn.remaining() < net.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(netIn.position() + net.remaining());
                netIn.flip();
                netIn = bigger.put(netIn);
            }
            netIn.put(net);
            netIn.flip();
            ByteBuffer app = ByteBuffer.allocate(Math.max(engine.getSession().getApplicationBufferSize(),
                    netIn.remaining()));
            try {
                while (netIn.hasRemaining()) {
                    SSLEngineResult r = engine.unwrap(netIn, app);
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        ByteBuffer bigger = ByteBuffer.allocate(app.capacity() * 2);
                        app.flip();
                        app = bigger.put(app);
                        continue;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new EOFException("the client closed the TLS session");
                    }
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0) {
                        break;
                    }
                }
            } finally {
                netIn.compact();
            }
            app.flip();
            return app;
        }

        @Override
        public synchronized ByteBuffer encode(byte[] frame) throws IOException {
            ByteBuffer src = ByteBuffer.wrap(frame);
            int packet = engine.getSession().getPacketBufferSize();
            ByteBuffer out = ByteBuffer.allocate(packet * (frame.length / 16384 + 2));
            while (src.hasRemaining()) {
                if (out.remaining() < packet) {
                    ByteBuffer bigger = ByteBuffer.allocate(out.capacity() * 2);
                    out.flip();
                    out = bigger.put(out);
                }
                SSLEngineResult r = engine.wrap(src, out);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new EOFException("the TLS session is closed");
                }
            }
            out.flip();
            return out;
        }
    }
}
