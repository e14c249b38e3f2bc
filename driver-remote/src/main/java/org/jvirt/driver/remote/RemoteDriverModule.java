package org.jvirt.driver.remote;

import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.DriverModule;
import org.jvirt.spi.Environment;

/**
 * URIs with a transport or a host ({@code qemu+ssh://host/system}, {@code test+unix:///default}),
 * served by {@link RemoteDriverFactory}: whatever driver the server runs.
 */
public final class RemoteDriverModule implements DriverModule {
    @Override
    public String scheme() {
        return "remote";
    }

    @Override
    public DriverFactory factory(Environment env) {
        return new RemoteDriverFactory(RemoteSettings.defaults(env));
    }
}
