package org.jvirt.cli.shell;

import org.jvirt.Connection;

/**
 * Opens the session's connection when the first command needs one. The default goes through
 * {@link org.jvirt.Jvirt#connect}; tests select their own with the system property
 * {@value #PROPERTY} (a class name with a public no-argument constructor).
 */
@FunctionalInterface
public interface ConnectionProvider {
    String PROPERTY = "jvirsh.connectionProvider";

    /** @param uri the {@code -c} URI, or {@code null} to resolve the default */
    Connection open(String uri, boolean readOnly);

    /**
     * As {@link #open}, for a session that runs the commands given on jvirsh's command line and
     * ends: the driver may read each domain when a command first looks it up
     * ({@link org.jvirt.connect.ConnectOptions#domainsOnDemand}).
     */
    default Connection openForCommands(String uri, boolean readOnly) {
        return open(uri, readOnly);
    }
}
