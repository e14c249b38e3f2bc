package org.jvirt.cli.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.log.ShellLog;
import org.jvirt.cli.output.Output;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

/**
 * One run of the shell: where it prints and its connection, opened on first use (so
 * {@code help} or {@code echo} never start a driver) and closed at the end. Domains started with
 * {@code --autodestroy} are destroyed when the session ends, as libvirt destroys them when virsh
 * disconnects.
 */
public final class Session implements AutoCloseable {
    private static final ShellLog LOG = ShellLog.of(Session.class);

    private final ConnectionProvider provider;
    private final String uri;
    private final boolean readOnly;
    private final boolean debug;
    private final boolean forCommands;
    private final Output output;
    private final Interrupts interrupts = new Interrupts();
    private final Map<UUID, Integer> autoDestroy = new LinkedHashMap<>(); // domain -> the id of that run
    private Connection connection;

    public Session(ConnectionProvider provider, String uri, boolean readOnly, boolean debug, Output output) {
        this(provider, uri, readOnly, debug, false, output);
    }

    /**
     * @param forCommands the session runs the commands given on jvirsh's command line and ends
     *                    (its connection opened with {@link ConnectionProvider#openForCommands})
     */
    public Session(ConnectionProvider provider, String uri, boolean readOnly, boolean debug, boolean forCommands,
                   Output output) {
        this.provider = provider;
        this.uri = uri;
        this.readOnly = readOnly;
        this.debug = debug;
        this.forCommands = forCommands;
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
                connection = forCommands ? provider.openForCommands(uri, readOnly) : provider.open(uri, readOnly);
                // asked only when the line is logged: through jvirtd or a daemon it is a round trip
                if (LOG.isDebugEnabled()) {
                    LOG.debug("connected to {} ({} driver{})", connection.uri(), connection.hypervisorType(),
                            readOnly ? ", read-only" : "");
                }
            } catch (VirtException e) {
                throw new CommandFailure(1, List.of("failed to connect to the hypervisor", e.getMessage()));
            }
        }
        return connection;
    }

    /** The connection if one is open. */
    public Optional<Connection> openConnection() {
        return Optional.ofNullable(connection);
    }

    /** For completion: the domains' names, none (and no error) when no connection can be opened. */
    public List<String> domainNames() {
        try {
            return connection().listDomains().stream().map(Domain::name).sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * {@code start}/{@code create --autodestroy}: the domain is destroyed when this session ends,
     * unless this run of it has ended before (a later start without the option is left alone).
     */
    public void destroyAtEnd(Domain domain) {
        domain.id().ifPresent(id -> autoDestroy.put(domain.uuid(), id));
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        for (Map.Entry<UUID, Integer> started : autoDestroy.entrySet()) {
            UUID uuid = started.getKey();
            int id = started.getValue();
            try {
                Domain d = connection.lookupByUuid(uuid);
                if (d.id().isPresent() && d.id().getAsInt() == id) {
                    d.destroy();
                }
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_DOMAIN) { // a transient domain that ended is gone
                    output.warning("cannot destroy the --autodestroy domain " + uuid + ": " + e.getMessage());
                }
            }
        }
        try {
            connection.close();
        } catch (RuntimeException e) {
            output.warning("closing the connection failed: " + e.getMessage());
        }
        connection = null;
    }
}
