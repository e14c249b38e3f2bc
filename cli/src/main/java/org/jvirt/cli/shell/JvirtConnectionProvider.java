package org.jvirt.cli.shell;

import org.jvirt.Connection;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.spi.Environment;

/**
 * Connections through the drivers on the class path ({@link DriverModules#forShell()}), assembled
 * without an injector: a one-shot command's start-up is then the JVM, the driver it opens, and
 * the command.
 */
public final class JvirtConnectionProvider implements ConnectionProvider {
    @Override
    public Connection open(String uri, boolean readOnly) {
        return open(uri, readOnly ? ConnectOptions.READ_ONLY : ConnectOptions.DEFAULT);
    }

    /** A one-shot command's connection reads only the domains it looks up (or all, for a list). */
    @Override
    public Connection openForCommands(String uri, boolean readOnly) {
        return open(uri, (readOnly ? ConnectOptions.READ_ONLY : ConnectOptions.DEFAULT).withDomainsOnDemand());
    }

    private static Connection open(String uri, ConnectOptions options) {
        return JvirtBootstrap.connectionFactory(DriverModules.forShell(), Environment.system()).open(uri, options);
    }
}
