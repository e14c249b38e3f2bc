package org.jvirt.cli.shell;

import org.jvirt.Connection;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.JvirtBootstrap;

/**
 * Connections through the drivers on the class path, assembled without an injector: a one-shot
 * command's start-up is then the JVM, the driver it opens, and the command.
 */
public final class JvirtConnectionProvider implements ConnectionProvider {
    @Override
    public Connection open(String uri, boolean readOnly) {
        return JvirtBootstrap.connectionFactory().open(uri, readOnly ? ConnectOptions.READ_ONLY : ConnectOptions.DEFAULT);
    }
}
