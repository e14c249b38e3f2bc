package org.jvirt.cli.shell;

import org.jvirt.Connection;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.output.Output;
import org.jvirt.error.VirtException;

/**
 * One run of the shell: where it prints and its connection, opened on first use (so
 * {@code help} or {@code echo} never start a driver) and closed at the end.
 */
public final class Session implements AutoCloseable {
    private final ConnectionProvider provider;
    private final String uri;
    private final boolean readOnly;
    private final boolean debug;
    private final Output output;
    private final Interrupts interrupts = new Interrupts();
    private Connection connection;

    public Session(ConnectionProvider provider, String uri, boolean readOnly, boolean debug, Output output) {
        this.provider = provider;
        this.uri = uri;
        this.readOnly = readOnly;
        this.debug = debug;
        this.output = output;
    }

    public Output output() {
        return output;
    }

    /** Where Ctrl-C goes while a command waits. */
    public Interrupts interrupts() {
        return interrupts;
    }

    public boolean debug() {
        return debug;
    }

    /** The connection, opened now if need be; a failure says so as virsh does. */
    public Connection connection() {
        if (connection == null) {
            try {
                connection = provider.open(uri, readOnly);
            } catch (VirtException e) {
                throw new CommandFailure(1, java.util.List.of("failed to connect to the hypervisor", e.getMessage()));
            }
        }
        return connection;
    }

    /** The connection if one is open (completion must not open one). */
    public java.util.Optional<Connection> openConnection() {
        return java.util.Optional.ofNullable(connection);
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                output.warning("closing the connection failed: " + e.getMessage());
            }
            connection = null;
        }
    }
}
