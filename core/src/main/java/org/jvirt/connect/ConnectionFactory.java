package org.jvirt.connect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.jvirt.Connection;
import org.jvirt.driver.OnDemandThread;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.event.EventBus;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverContext;
import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.Environment;
import org.jvirt.spi.ProbeResult;

/**
 * Opens connections: resolves the URI, finds the driver registered for its scheme, probes it
 * and opens it. When no driver takes the URI the error lists every registered scheme and why
 * it declined.
 */
public final class ConnectionFactory {
    private final Map<String, DriverFactory> drivers;
    private final Environment env;

    /** jvirt.conf is read when a connection is opened, so its errors reach the caller as they are. */
    @Inject
    public ConnectionFactory(Map<String, DriverFactory> drivers, Environment env) {
        this.drivers = new TreeMap<>(drivers);
        this.env = env;
    }

    /** The registered schemes, sorted. */
    public List<String> schemes() {
        return List.copyOf(drivers.keySet());
    }

    public Connection open(String uri, ConnectOptions options) {
        JvirtConf conf = JvirtConf.load(env, Path.of("/"));
        Optional<String> resolved = new UriResolver(env, conf.uriDefault(), conf.aliases()).resolve(uri);
        String text = resolved.isPresent() ? resolved.get() : probeHost();
        ConnectUri parsed = ConnectUri.parse(text);
        // through jvirtd when it serves this URI (docs/jvirtd.md); the connection keeps the caller's URI
        ConnectUri target = JvirtdRoute.of(env, conf).route(parsed, options, servesRemoteUris()).orElse(parsed);
        DriverFactory factory = choose(target);
        OnDemandThread executor = new OnDemandThread("jvirt-events " + text);
        EventBus bus = new EventBus(executor);
        try {
            DriverConnection driver = factory.open(target, new DriverContext(bus, options.readOnly(), conf.jobWait(),
                    options.domainsOnDemand()));
            return new ConnectionImpl(parsed.text(), options.readOnly(), driver, bus, executor);
        } catch (RuntimeException e) {
            bus.close();
            executor.shutdown();
            throw e;
        }
    }

    /**
     * The first driver that accepts the URI, probing them in scheme order; one that fails
     * stops the search. A URI with a transport or a host goes only to drivers that serve remote
     * URIs, a local one only to the others. When all decline, the error says why each did.
     */
    private DriverFactory choose(ConnectUri uri) {
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, DriverFactory> e : drivers.entrySet()) {
            if (e.getValue().servesRemoteUris() == uri.isLocal()) {
                reasons.add(e.getKey() + ": " + (uri.isLocal() ? "it serves only URIs with a transport or a host"
                        : "it serves only local URIs (a remote one needs jvirt-driver-remote)"));
                continue;
            }
            ProbeResult probe = e.getValue().probe(uri);
            if (probe instanceof ProbeResult.Accept) {
                return e.getValue();
            }
            if (probe instanceof ProbeResult.Error error) {
                throw error.error();
            }
            reasons.add(e.getKey() + ": " + ((ProbeResult.Decline) probe).reason());
        }
        throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.CONNECT,
                "no connection driver available for %s; %s", uri.text(),
                reasons.isEmpty() ? "no driver is registered (no driver jar on the class path)"
                        : "registered drivers declined: " + String.join("; ", reasons));
    }

    private boolean servesRemoteUris() {
        for (DriverFactory f : drivers.values()) {
            if (f.servesRemoteUris()) {
                return true;
            }
        }
        return false;
    }

    private String probeHost() {
        for (DriverFactory f : drivers.values()) {
            Optional<String> uri = f.hostDefaultUri();
            if (uri.isPresent()) {
                return uri.get();
            }
        }
        throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.CONNECT,
                "no connection URI given and no driver can serve this host by default; registered schemes: %s "
                        + "(give a URI such as test:///default, or set JVIRT_DEFAULT_URI or uri_default in jvirt.conf)",
                drivers.isEmpty() ? "none" : String.join(", ", drivers.keySet()));
    }
}
