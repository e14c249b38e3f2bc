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

    /**
     * Opens a read-write connection to the driver that serves {@code uri}.
     *
     * @param uri {@code test:///default}, {@code qemu:///system}, {@code lxc:///system}, ... (see
     *            docs/drivers.md), an alias from jvirt.conf, or {@code null} to resolve it as the
     *            class comment says
     * @return an open connection; close it when done (running domains keep running)
     * @throws org.jvirt.error.VirtException {@code NO_CONNECT} when no driver on the class path
     *         accepts the URI (the message says why each declined), or the driver's own error
     */
    public static Connection connect(String uri) {
        return connect(uri, ConnectOptions.DEFAULT);
    }

    /**
     * Opens a connection with {@code options}; {@link ConnectOptions#READ_ONLY} gives one that
     * refuses every change ({@code OPERATION_DENIED}).
     *
     * @see #connect(String)
     */
    public static Connection connect(String uri, ConnectOptions options) {
        return JvirtBootstrap.connectionFactory().open(uri, options);
    }
}
