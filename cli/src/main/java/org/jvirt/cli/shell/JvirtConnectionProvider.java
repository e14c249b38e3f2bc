package org.jvirt.cli.shell;

import org.jvirt.Connection;
import org.jvirt.Jvirt;
import org.jvirt.connect.ConnectOptions;

/** Connections through the drivers on the class path. */
public final class JvirtConnectionProvider implements ConnectionProvider {
    @Override
    public Connection open(String uri, boolean readOnly) {
        return Jvirt.connect(uri, readOnly ? ConnectOptions.READ_ONLY : ConnectOptions.DEFAULT);
    }
}
