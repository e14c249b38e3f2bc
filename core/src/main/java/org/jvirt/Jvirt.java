package org.jvirt;

import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.JvirtBootstrap;

/**
 * The entry point: {@code try (Connection c = Jvirt.connect("test:///default")) { ... }}.
 * A {@code null} URI resolves through {@code JVIRT_DEFAULT_URI}, {@code LIBVIRT_DEFAULT_URI},
 * {@code uri_default} in jvirt.conf, then the first driver that can serve this host.
 */
public final class Jvirt {
    private Jvirt() {
    }

    public static Connection connect(String uri) {
        return connect(uri, ConnectOptions.DEFAULT);
    }

    public static Connection connect(String uri, ConnectOptions options) {
        return JvirtBootstrap.connectionFactory().open(uri, options);
    }
}
