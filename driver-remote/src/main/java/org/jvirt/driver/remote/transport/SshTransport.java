package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import org.jvirt.driver.remote.RemoteSettings;
import org.jvirt.driver.remote.RemoteUri;

/**
 * The ssh transport through Apache MINA SSHD (no {@code ssh} binary): logs in with a key
 * ({@code keyfile=}, else {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}), checks the
 * server's host key against {@code known_hosts=} (default {@code ~/.ssh/known_hosts}) unless
 * {@code no_verify=1}, and runs on the far side, per {@code proxy=}: {@code native}
 * {@code virt-ssh-helper URI}, {@code netcat} {@code nc -U SOCKET} ({@code netcat=} names the
 * binary, {@code socket=} the socket), or {@code auto} (the default): the helper when the server
 * has it, else netcat. The channel's bytes are the RPC stream. Every SSH connection of the JVM
 * shares one client and its I/O threads ({@link SharedSsh}).
 */
public final class SshTransport implements Transport {
    private final ClientSession session;
    private final ChannelExec channel;
    private final String description;
    private final Object writeLock = new Object();
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private boolean writing;
    private volatile boolean closed;
    private Receiver receiver;

    private SshTransport(ClientSession session, ChannelExec channel, String description) {
        this.session = session;
        this.channel = channel;
        this.description = description;
    }

    public static Transport open(RemoteUri uri, IoLoop loop, RemoteSettings s, boolean readOnly, String defaultSocket)
            throws IOException {
        String host = uri.host().orElseThrow();
        String user = uri.user().orElse(System.getProperty("user.name"));
        String where = user + "@" + host + ":" + uri.port();
        Duration timeout = Duration.ofSeconds(s.openTimeoutSeconds());
        SshClient client = SharedSsh.acquire();
        ClientSession session = null;
        try {
            session = client.connect(user, host, uri.port()).verify(timeout).getSession();
            session.setServerKeyVerifier(verifier(uri, s));
            List<Path> keys = keys(uri, s);
            if (keys.isEmpty()) {
                throw new IOException("no SSH key to log in with: give keyfile= or create ~/.ssh/id_ed25519");
            }
            session.setKeyIdentityProvider(new FileKeyPairProvider(keys));
            try {
                session.auth().verify(timeout);
            } catch (IOException e) {
                throw new IOException("SSH login to " + where + " failed (keys tried: " + keys + "): "
                        + Connector.reason(e), e);
            }
            String command = SshTransportCommands.of(uri, readOnly, defaultSocket);
            ChannelExec ch = session.createExecChannel(command);
            ch.setStreaming(ClientChannel.Streaming.Async);
            ch.setRedirectErrorStream(false);
            ch.open().verify(timeout);
            SshTransport t = new SshTransport(session, ch, "ssh:" + where + " (" + command + ")");
            SharedSsh.track(t, client);
            return t;
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            SharedSsh.release(client);
            String m = Connector.reason(e);
            if (m.contains("Server key did not validate")) {
                throw new IOException("the SSH host key of " + host + ":" + uri.port() + " is not in "
                        + knownHosts(uri, s) + " (or differs from it): add it (ssh-keyscan) or give no_verify=1", e);
            }
            throw e instanceof IOException io && m.startsWith("SSH login") ? io
                    : new IOException("cannot open SSH to " + where + ": " + m, e);
        }
    }

    private static org.apache.sshd.client.keyverifier.ServerKeyVerifier verifier(RemoteUri uri, RemoteSettings s) {
        if (uri.flag("no_verify")) {
            return AcceptAllServerKeyVerifier.INSTANCE;
        }
        return new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts(uri, s));
    }

    private static Path knownHosts(RemoteUri uri, RemoteSettings s) {
        return uri.param("known_hosts").map(Path::of).orElse(s.home().resolve(".ssh/known_hosts"));
    }

    private static List<Path> keys(RemoteUri uri, RemoteSettings s) {
        if (uri.param("keyfile").isPresent()) {
            return List.of(Path.of(uri.param("keyfile").get()));
        }
        List<Path> out = new ArrayList<>();
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            Path p = s.home().resolve(".ssh").resolve(name);
            if (Files.isReadable(p)) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public void start(Receiver r) throws IOException {
        this.receiver = r;
        channel.addChannelListener(new org.apache.sshd.common.channel.ChannelListener() {
            @Override
            public void channelClosed(org.apache.sshd.common.channel.Channel c, Throwable reason) {
                end(reason == null ? null : new IOException(Connector.reason(reason), reason));
            }
        });
        read(channel.getAsyncOut());
    }

    private void read(IoInputStream in) {
        if (closed) {
            return;
        }
        in.read(new ByteArrayBuffer(64 * 1024)).addListener((IoReadFuture f) -> {
            Throwable failure = f.getException();
            if (failure != null) {
                end(failure instanceof IOException io ? io : new IOException(Connector.reason(failure), failure));
                return;
            }
            int n = f.getRead();
            if (n < 0) {
                end(null);
                return;
            }
            Buffer b = f.getBuffer();
            receiver.onData(ByteBuffer.wrap(b.array(), b.rpos(), b.available()));
            read(in);
        });
    }

    @Override
    public void send(byte[] frame) throws IOException {
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("the SSH channel is closed");
            }
            if (writing) {
                queued.add(frame);
                return;
            }
            writing = true;
        }
        write(frame);
    }

    /** One write in flight at a time (the channel's rule); the next starts when it completes. */
    private void write(byte[] frame) throws IOException {
        IoOutputStream out = channel.getAsyncIn();
        out.writeBuffer(new ByteArrayBuffer(frame)).addListener(f -> {
            if (f.getException() != null) {
                end(new IOException(Connector.reason(f.getException()), f.getException()));
                return;
            }
            byte[] next;
            synchronized (writeLock) {
                next = queued.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
            }
            try {
                write(next);
            } catch (IOException e) {
                end(e);
            }
        });
    }

    private void end(IOException cause) {
        if (shut()) {
            Receiver r = receiver;
            if (r != null) {
                r.onClosed(cause);
            }
        }
    }

    /** Closes once; true for the call that did. */
    private boolean shut() {
        synchronized (writeLock) {
            if (closed) {
                return false;
            }
            closed = true;
            queued.clear();
        }
        channel.close(true);
        session.close(true);
        SharedSsh.untrack(this);
        return true;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean secure() {
        return true;
    }

    @Override
    public void close() {
        shut();
    }
}
