package org.jvirt.driver.remote;

import java.util.Optional;

import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverContext;
import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.ProbeResult;

/** The remote driver: a connection to a libvirt RPC server for every URI with a transport or host. */
public final class RemoteDriverFactory implements DriverFactory {
    private final RemoteSettings settings;

    public RemoteDriverFactory(RemoteSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "REMOTE";
    }

    @Override
    public boolean servesRemoteUris() {
        return true;
    }

    @Override
    public ProbeResult probe(ConnectUri uri) {
        if (uri.isLocal()) {
            return ProbeResult.decline("it serves only URIs with a transport or a host (qemu+ssh://host/system)");
        }
        try {
            RemoteUri.parse(uri.text());
            return ProbeResult.accept();
        } catch (org.jvirt.error.VirtException e) {
            return new ProbeResult.Error(e);
        }
    }

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        return RemoteConnection.open(RemoteUri.parse(uri.text()), context, settings);
    }

    @Override
    public Optional<String> hostDefaultUri() {
        return Optional.empty();
    }
}
