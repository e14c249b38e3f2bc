package org.jvirt.driver.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * A remote URI taken apart as libvirt does: {@code driver[+transport]://[user@][host][:port]/path[?params]}.
 * The parameters that steer the client ({@code socket}, {@code pkipath}, {@code keyfile}, ...) are
 * kept here; the rest, with the driver and path, make the name the server opens
 * ({@code qemu+ssh://h/system?keyfile=k} opens {@code qemu:///system} there).
 */
public record RemoteUri(String text, String driver, Transport transport, Optional<String> user,
                        Optional<String> host, int port, String path, Map<String, String> params,
                        Map<String, String> serverParams) {
    /** How the client reaches the server. */
    public enum Transport {
        UNIX, TCP, TLS, SSH;

        int defaultPort() {
            return switch (this) {
                case TCP -> 16509;
                case TLS -> 16514;
                case SSH -> 22;
                case UNIX -> -1;
            };
        }
    }

    /** Parameters the client consumes (never sent to the server). */
    static final Set<String> CLIENT_PARAMS = Set.of("name", "socket", "mode", "command", "netcat", "proxy", "keyfile",
            "known_hosts", "known_hosts_verify", "no_verify", "no_tty", "pkipath", "tls_priority", "sshauth",
            "authfile");

    public RemoteUri {
        params = Map.copyOf(params);
        serverParams = Map.copyOf(serverParams);
    }

    public static RemoteUri parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw invalid(text, e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw invalid(text, "it has no scheme");
        }
        int plus = scheme.indexOf('+');
        String driver = (plus < 0 ? scheme : scheme.substring(0, plus)).toLowerCase(Locale.ROOT);
        Optional<String> host = Optional.ofNullable(uri.getHost()).filter(h -> !h.isEmpty());
        Transport transport;
        if (plus < 0) {
            if (host.isEmpty()) {
                throw invalid(text, "it names neither a transport nor a host");
            }
            transport = Transport.TLS;
        } else {
            transport = transport(text, scheme.substring(plus + 1));
        }
        if (transport == Transport.UNIX && host.isPresent()) {
            throw invalid(text, "the unix transport reaches only this host; drop the host or use +ssh, +tls or +tcp");
        }
        if (transport != Transport.UNIX && host.isEmpty()) {
            throw invalid(text, "the " + transport.name().toLowerCase(Locale.ROOT) + " transport needs a host");
        }
        Map<String, String> client = new LinkedHashMap<>();
        Map<String, String> server = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                (CLIENT_PARAMS.contains(k.toLowerCase(Locale.ROOT)) ? client : server).put(
                        CLIENT_PARAMS.contains(k.toLowerCase(Locale.ROOT)) ? k.toLowerCase(Locale.ROOT) : k, v);
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        int port = uri.getPort() > 0 ? uri.getPort() : transport.defaultPort();
        return new RemoteUri(text.strip(), driver, transport, Optional.ofNullable(uri.getUserInfo()), host, port,
                path, client, server);
    }

    private static Transport transport(String text, String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "unix" -> Transport.UNIX;
            case "tcp" -> Transport.TCP;
            case "tls" -> Transport.TLS;
            case "ssh", "libssh", "libssh2" -> Transport.SSH;
            default -> throw invalid(text, "transport '" + name + "' is not one of unix, tcp, tls, ssh");
        };
    }

    /** What the server is asked to open: {@code name=} if given, else {@code driver:///path?server-params}. */
    public String serverName() {
        String given = params.get("name");
        if (given != null) {
            return given;
        }
        StringBuilder b = new StringBuilder(driver).append("://").append(path.isEmpty() ? "/" : path);
        String sep = "?";
        for (Map.Entry<String, String> e : serverParams.entrySet()) {
            b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = "&";
        }
        return b.toString();
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** A yes/no parameter ({@code no_verify=1}). */
    public boolean flag(String name) {
        String v = params.get(name);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("no") && !v.equalsIgnoreCase("false");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static VirtException invalid(String text, String why) {
        return VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "remote URI '%s': %s", text, why);
    }

    @Override
    public String toString() {
        return text;
    }
}
