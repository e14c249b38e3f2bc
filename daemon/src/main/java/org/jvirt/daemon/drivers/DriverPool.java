package org.jvirt.daemon.drivers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jvirt.Connection;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * The driver connections jvirtd holds: one per URI, opened once and shared by every client that
 * opens that URI, so all their jobs on a domain go through the same driver (its per-domain job
 * lock orders them) and the daemon holds every running domain's monitor. The URIs of jvirtd.conf
 * are opened at start, before jvirtd listens: that is when the drivers reattach running domains.
 */
public final class DriverPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("jvirtd");

    private final List<String> uris;
    private final boolean nodeFiles;
    private final Function<String, Connection> opener;
    private final BiConsumer<String, Connection> onOpen;
    private final Map<String, Connection> open = new LinkedHashMap<>();

    /**
     * @param opener opens a driver connection in this JVM (never through a jvirtd)
     * @param onOpen told of each connection opened (event fan-out subscribes there)
     */
    public DriverPool(List<String> uris, boolean nodeFiles, Function<String, Connection> opener,
                      BiConsumer<String, Connection> onOpen) {
        this.uris = List.copyOf(uris);
        this.nodeFiles = nodeFiles;
        this.opener = opener;
        this.onOpen = onOpen;
    }

    /** Opens every configured URI; one that fails is logged and tried again when a client asks. */
    public List<String> openConfigured() {
        List<String> failed = new ArrayList<>();
        for (String uri : uris) {
            try {
                get(uri);
                LOG.log(System.Logger.Level.INFO, "opened " + uri);
            } catch (VirtException e) {
                failed.add(uri + ": " + e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "cannot open " + uri + " (tried again on a client's open): "
                        + e.getMessage());
            }
        }
        return failed;
    }

    /** The connection for {@code uri}, opened on first use; a URI jvirtd does not serve is refused. */
    public synchronized Connection get(String uri) {
        Connection c = open.get(uri);
        if (c != null) {
            return c;
        }
        if (!serves(uri)) {
            throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.CONNECT,
                    "no connection driver available for %s: jvirtd serves %s%s (uris in jvirtd.conf)", uri,
                    String.join(", ", uris), nodeFiles ? " and test:///ABS/PATH.xml node files" : "");
        }
        c = opener.apply(uri);
        open.put(uri, c);
        onOpen.accept(uri, c);
        return c;
    }

    /** The URI a client gets when it names none: the first configured one that is open. */
    public synchronized String defaultUri() {
        for (String u : uris) {
            if (open.containsKey(u)) {
                return u;
            }
        }
        return uris.isEmpty() ? "test:///default" : uris.get(0);
    }

    public synchronized Optional<Connection> ifOpen(String uri) {
        return Optional.ofNullable(open.get(uri));
    }

    public String configuredUris() {
        return String.join(", ", uris);
    }

    /** Whether {@code uri} is one of jvirtd.conf's (not a node file a client names). */
    public boolean configured(String uri) {
        return uris.contains(uri);
    }

    /**
     * Whether {@code uri}'s driver keeps all its state in this JVM's memory (the test driver, also
     * with a node file): its quick reads are answered on the I/O thread. Every other driver's reads
     * may wait on a job of the domain (a hot-plug, a start) or on the host, so they run on workers.
     */
    public static boolean answersFromMemory(String uri) {
        return uri.startsWith("test:");
    }

    private boolean serves(String uri) {
        return uris.contains(uri) || (nodeFiles && uri.startsWith("test:///") && uri.endsWith(".xml"));
    }

    @Override
    public synchronized void close() {
        for (Connection c : open.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // closing everything
            }
        }
        open.clear();
    }
}
