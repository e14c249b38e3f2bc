package org.jvirt.connect;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.Environment;

/**
 * Whether a connection goes through jvirtd (docs/jvirtd.md): a URI of {@code jvirtd_uris}, when
 * {@code jvirtd} (jvirt.conf, or {@code $JVIRT_JVIRTD}) is {@code always}, or {@code auto} and the
 * daemon's socket answers, is opened as {@code DRIVER+unix:///PATH?socket=SOCKET} by the remote
 * driver. The connection still names the URI the caller gave.
 */
public record JvirtdRoute(Mode mode, List<String> uris, Path socket, Path readOnlySocket) {
    /** The environment variable that overrides {@code jvirtd} of jvirt.conf. */
    public static final String ENV = "JVIRT_JVIRTD";

    /** When to go through jvirtd. */
    public enum Mode { AUTO, ALWAYS, NEVER }

    public JvirtdRoute {
        uris = List.copyOf(uris);
    }

    static JvirtdRoute of(Environment env, JvirtConf conf) {
        String text = env.get(ENV).orElse(conf.jvirtd());
        // among the constants, not Enum.valueOf: its first call per type reflects (every connection asks)
        String name = text.strip().toUpperCase(Locale.ROOT);
        Mode mode = null;
        for (Mode m : Mode.values()) {
            if (m.name().equals(name)) {
                mode = m;
            }
        }
        if (mode == null) {
            throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                    "jvirtd must be auto, always or never, got '%s' (%s)", text,
                    env.get(ENV).isPresent() ? "$" + ENV : "jvirt.conf");
        }
        return new JvirtdRoute(mode, conf.jvirtdUris(), conf.jvirtdSocket(), conf.jvirtdSocketRo());
    }

    /**
     * The URI to open instead of {@code uri}, when it goes through jvirtd. A session URI
     * ({@code qemu:///session}) never does, even when jvirtd_uris lists it: a session is its
     * caller's own, and jvirtd runs as root.
     */
    Optional<ConnectUri> route(ConnectUri uri, ConnectOptions options, boolean remoteDriverPresent) {
        if (options.direct() || mode == Mode.NEVER || !uri.isLocal() || !uris.contains(uri.text())
                || uri.path().equals("/session")) {
            return Optional.empty();
        }
        Path sock = options.readOnly() ? readOnlySocket : socket;
        if (mode == Mode.AUTO && (!remoteDriverPresent || !answers(sock))) {
            return Optional.empty();
        }
        return Optional.of(ConnectUri.parse(uri.driver() + "+unix://" + uri.path() + "?socket=" + sock));
    }

    /** Whether something listens on {@code sock} (a connect, closed at once: no protocol spoken). */
    private static boolean answers(Path sock) {
        if (!Files.exists(sock)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(sock));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
