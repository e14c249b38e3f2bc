package org.jvirt.daemon.conf;

import static org.jvirt.conf.JvirtdConfKeys.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jvirt.conf.ConfException;
import org.jvirt.conf.ConfFile;
import org.jvirt.conf.ConfLoader;
import org.jvirt.conf.ConfLocations;
import org.jvirt.protocol.Limits;

/**
 * jvirtd's settings (jvirtd.conf; every key documented with its default in the shipped file).
 *
 * @param uris the connections opened at start, and the only ones (with node files) clients may open
 */
public record DaemonConf(List<String> uris, boolean allowNodeFiles, Path unixSockRw, Path unixSockRo,
                         int unixSockRwPerms, int unixSockRoPerms, List<String> rwUsers, List<String> roUsers,
                         Tls tls, boolean listenTcp, InetAddress listenAddr, int tcpPort, Limits limits,
                         Path pidFile) {
    /** TLS: whether to listen, where, the PKI files, who may connect and with which access. */
    public record Tls(boolean listen, int port, Path caFile, Path certFile, Path keyFile, List<String> allowedDns,
                      boolean readWrite) {
    }

    /** libvirt's limits, each enforced per client. */
    public record Limits(int maxClients, int maxClientRequests, int maxWorkers, int maxFrameBytes,
                         long maxQueuedBytes, int keepaliveInterval, int keepaliveCount) {
    }

    public DaemonConf {
        uris = List.copyOf(uris);
        rwUsers = List.copyOf(rwUsers);
        roUsers = List.copyOf(roUsers);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
    }

    /** The file named on the command line, else the first of $JVIRT_CONF_DIR and /etc/jvirt, else the defaults. */
    public static DaemonConf load(Path explicit, Map<String, String> env) {
        ConfFile file = explicit != null ? ConfFile.parse(read(explicit), explicit.toString())
                : new ConfLoader(ConfLocations.of(env, Path.of("/"))).load(FILE);
        return of(file);
    }

    private static String read(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new ConfException(p.toString(), 0, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    public static DaemonConf of(ConfFile f) {
        f.check(SCHEMA);
        Path dir = Path.of(f.getString(UNIX_SOCK_DIR, "/run/jvirt"));
        InetAddress addr = address(f);
        boolean tcp = f.getBoolean(LISTEN_TCP, false);
        if (tcp && !addr.isLoopbackAddress()) {
            throw new ConfException(f.fileName(), 0, 0, "listen_tcp = 1 needs a loopback listen_addr (plain TCP has "
                    + "no encryption and no authentication); " + addr.getHostAddress() + " is not one: use listen_tls");
        }
        Tls tls = new Tls(f.getBoolean(LISTEN_TLS, false), port(f, TLS_PORT, 16514),
                Path.of(f.getString(CA_FILE, "/etc/pki/CA/cacert.pem")),
                Path.of(f.getString(CERT_FILE, "/etc/pki/libvirt/servercert.pem")),
                Path.of(f.getString(KEY_FILE, "/etc/pki/libvirt/private/serverkey.pem")),
                f.getStringList(TLS_ALLOWED_DN_LIST, List.of()), f.getBoolean(TLS_READ_WRITE, true));
        int maxFrame = positive(f, MAX_FRAME_BYTES, org.jvirt.protocol.Limits.MAX_FRAME);
        if (maxFrame > org.jvirt.protocol.Limits.MAX_FRAME || maxFrame < org.jvirt.protocol.Limits.MIN_FRAME) {
            throw new ConfException(f.fileName(), 0, 0, "max_frame_bytes must be between "
                    + org.jvirt.protocol.Limits.MIN_FRAME + " and " + org.jvirt.protocol.Limits.MAX_FRAME + ", got "
                    + maxFrame);
        }
        Limits limits = new Limits(positive(f, MAX_CLIENTS, 5000), positive(f, MAX_CLIENT_REQUESTS, 5),
                positive(f, MAX_WORKERS, 20), maxFrame, Math.max(1, f.getLong(MAX_QUEUED_BYTES, 16L << 20)),
                positive(f, KEEPALIVE_INTERVAL, 5), positive(f, KEEPALIVE_COUNT, 5));
        return new DaemonConf(f.getStringList(URIS, List.of("qemu:///system", "lxc:///system", "test:///default")),
                f.getBoolean(ALLOW_NODE_FILES, true),
                Path.of(f.getString(UNIX_SOCK_RW, dir.resolve("jvirtd-sock").toString())),
                Path.of(f.getString(UNIX_SOCK_RO, dir.resolve("jvirtd-sock-ro").toString())),
                mode(f, UNIX_SOCK_RW_PERMS, "0700"), mode(f, UNIX_SOCK_RO_PERMS, "0777"),
                f.getStringList(RW_USERS, List.of()), f.getStringList(RO_USERS, List.of("*")), tls, tcp, addr,
                port(f, TCP_PORT, 16509), limits, Path.of(f.getString(PID_FILE, dir.resolve("jvirtd.pid").toString())));
    }

    private static int positive(ConfFile f, String key, int dflt) {
        int v = f.getInt(key, dflt);
        if (v < 1) {
            throw new ConfException(f.fileName(), 0, 0, key + " must be at least 1, got " + v);
        }
        return v;
    }

    private static int port(ConfFile f, String key, int dflt) {
        int v = f.getInt(key, dflt);
        if (v < 1 || v > 65535) {
            throw new ConfException(f.fileName(), 0, 0, key + " must be a port between 1 and 65535, got " + v);
        }
        return v;
    }

    private static int mode(ConfFile f, String key, String dflt) {
        String v = f.getString(key, dflt);
        if (!v.matches("0?[0-7]{3}")) {
            throw new ConfException(f.fileName(), 0, 0, key + " must be an octal file mode such as \"0700\", got '"
                    + v + "'");
        }
        return Integer.parseInt(v, 8);
    }

    private static InetAddress address(ConfFile f) {
        String v = f.getString(LISTEN_ADDR, "127.0.0.1");
        if (!v.matches("[0-9a-fA-F.:]+")) {
            throw new ConfException(f.fileName(), 0, 0, "listen_addr must be a numeric IP address, got '" + v + "'");
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new ConfException(f.fileName(), 0, 0, "listen_addr '" + v + "' is not an address: " + e.getMessage());
        }
    }
}
