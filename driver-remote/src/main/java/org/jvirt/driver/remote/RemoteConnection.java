package org.jvirt.driver.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jvirt.driver.remote.auth.AuthConf;
import org.jvirt.driver.remote.auth.Authenticator;
import org.jvirt.driver.remote.rpc.RemoteErrors;
import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.driver.remote.transport.Connector;
import org.jvirt.driver.remote.transport.IoLoop;
import org.jvirt.driver.remote.transport.SharedIoLoop;
import org.jvirt.driver.remote.transport.SshTransport;
import org.jvirt.driver.remote.transport.Transport;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.protocol.remote.Features;
import org.jvirt.protocol.remote.RemoteMessages.OpenArgs;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.spi.DomainOps;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverContext;
import org.jvirt.spi.HostOps;
import org.jvirt.spi.VcpuOps;

/**
 * One open connection to a libvirt RPC server: the transport, the authentication, keepalive and
 * {@code CONNECT_OPEN} of the server-side driver, then every operation as calls on the one
 * {@link RpcClient}. Events are asked for when the first subscriber comes.
 */
public final class RemoteConnection implements DriverConnection {
    private static final int VIR_CONNECT_RO = 1;

    private final RemoteUri uri;
    private final IoLoop loop;
    private final RpcClient rpc;
    private final RemoteEvents events;
    private final DomainRefs refs;
    private final RemoteHostOps host;
    private final RemoteDomainOps domains;
    private final RemoteVcpuOps vcpus;
    private final RemoteTuning tuning;
    private final RemoteStats stats;

    private RemoteConnection(RemoteUri uri, IoLoop loop, RpcClient rpc, RemoteEvents events) {
        this.uri = uri;
        this.loop = loop;
        this.rpc = rpc;
        this.events = events;
        this.refs = new DomainRefs(rpc);
        this.host = new RemoteHostOps(rpc);
        this.domains = new RemoteDomainOps(rpc, refs);
        this.vcpus = new RemoteVcpuOps(rpc, refs, host, domains);
        StringParams strings = new StringParams(rpc);
        this.tuning = new RemoteTuning(rpc, refs, strings);
        this.stats = new RemoteStats(rpc, refs, strings);
    }

    public static RemoteConnection open(RemoteUri uri, DriverContext context, RemoteSettings settings) {
        IoLoop loop = SharedIoLoop.acquire();
        RpcClient rpc = null;
        try {
            Transport transport = transport(uri, loop, settings, context.readOnly());
            rpc = new RpcClient(uri.text(), transport);
            RemoteEvents events = new RemoteEvents(rpc, context.events());
            rpc.start(events);
            loop.addTicker(rpc);
            int t = settings.openTimeoutSeconds();
            new Authenticator(rpc, uri.host().orElse("localhost"), uri.user(), AuthConf.find(settings.authFiles()), t)
                    .authenticate();
            // once authenticated, the keepalive question and the open go out together: one round trip
            CompletableFuture<Integer> keepalive = rpc.callAsync(RemoteProgram.CONNECT_SUPPORTS_FEATURE,
                    Features.KEEPALIVE);
            CompletableFuture<Void> opened = rpc.callAsync(RemoteProgram.CONNECT_OPEN,
                    new OpenArgs(Optional.of(uri.serverName()), context.readOnly() ? VIR_CONNECT_RO : 0));
            if (rpc.await(keepalive, RemoteProgram.CONNECT_SUPPORTS_FEATURE, t) == 1) {
                rpc.enableKeepalive(settings.keepaliveInterval(), settings.keepaliveCount());
            }
            rpc.await(opened, RemoteProgram.CONNECT_OPEN, t);
            RemoteConnection c = new RemoteConnection(uri, loop, rpc, events);
            context.events().onSubscribe(events::subscribed);
            return c;
        } catch (IOException e) {
            release(loop, rpc);
            throw RemoteErrors.connection(ErrorCode.SYSTEM_ERROR, "cannot open " + uri + ": " + e.getMessage());
        } catch (VirtException e) {
            release(loop, rpc);
            throw e.code() == ErrorCode.AUTH_FAILED || e.getMessage().startsWith("cannot open") ? e
                    : RemoteErrors.connection(e.code(), "cannot open " + uri + ": " + e.getMessage());
        } catch (RuntimeException e) {
            release(loop, rpc);
            throw e;
        }
    }

    private static Transport transport(RemoteUri uri, IoLoop loop, RemoteSettings s, boolean readOnly)
            throws IOException {
        Connector c = new Connector(loop, s.openTimeoutSeconds(), s.home());
        return switch (uri.transport()) {
            case UNIX -> c.unix(socket(uri, s, readOnly));
            case TCP -> c.tcp(uri);
            case TLS -> c.tls(uri);
            case SSH -> SshTransport.open(uri, loop, s, readOnly, defaultSocket(uri, s, readOnly).toString());
        };
    }

    private static Path socket(RemoteUri uri, RemoteSettings s, boolean readOnly) {
        return uri.param("socket").map(Path::of).orElseGet(() -> defaultSocket(uri, s, readOnly));
    }

    /** libvirtd's socket: {@code libvirt-sock} (read-only: {@code libvirt-sock-ro}); a session's under {@code $XDG_RUNTIME_DIR}. */
    static Path defaultSocket(RemoteUri uri, RemoteSettings s, boolean readOnly) {
        Path dir = s.defaultSocketDir();
        if (uri.path().equals("/session")) {
            String runtime = System.getenv("XDG_RUNTIME_DIR");
            dir = runtime == null ? s.home().resolve(".cache/libvirt") : Path.of(runtime, "libvirt");
        }
        return dir.resolve(readOnly ? "libvirt-sock-ro" : "libvirt-sock");
    }

    private static void release(IoLoop loop, RpcClient rpc) {
        if (rpc != null) {
            loop.removeTicker(rpc);
            rpc.close();
        }
        SharedIoLoop.release(loop);
    }

    public RpcClient rpc() {
        return rpc;
    }

    @Override
    public HostOps host() {
        return host;
    }

    @Override
    public DomainOps domains() {
        return domains;
    }

    @Override
    public VcpuOps vcpus() {
        return vcpus;
    }

    @Override
    public org.jvirt.spi.TuningOps tuning() {
        return tuning;
    }

    @Override
    public org.jvirt.spi.StatsOps stats() {
        return stats;
    }

    @Override
    public String domainXmlToNative(String format, String xml) {
        return rpc.call(RemoteProgram.CONNECT_DOMAIN_XML_TO_NATIVE,
                new org.jvirt.protocol.remote.RemoteMessages.XmlToNativeArgs(format, xml, 0));
    }

    /** Deregisters events and says goodbye (each bounded by a few seconds), then drops the socket. */
    @Override
    public void close() {
        try {
            if (rpc.isOpen()) {
                events.deregisterAll();
                rpc.call(RemoteProgram.CONNECT_CLOSE, null, 5);
            }
        } catch (VirtException e) {
            // closing anyway
        } finally {
            release(loop, rpc);
        }
    }

    @Override
    public String toString() {
        return "remote connection " + uri;
    }
}
