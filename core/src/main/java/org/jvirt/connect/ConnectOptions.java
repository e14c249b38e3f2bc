package org.jvirt.connect;

/**
 * How to open a connection.
 *
 * @param readOnly        look, never change
 * @param direct          open the driver in this JVM even when a jvirtd serves the URI (jvirtd
 *                        itself opens its drivers so); see docs/jvirtd.md
 * @param domainsOnDemand a driver that keeps its domains in files (qemu:///system,
 *                        lxc:///system) reads each domain's files when it is first looked up,
 *                        and all of them only before a list, a lookup by UUID or id, a define,
 *                        a create, a start or an event subscription, instead of all of them when
 *                        the connection opens: for a
 *                        connection that serves a command or two (jvirsh's one-shot commands),
 *                        whose open then costs the same however many domains the host keeps
 */
public record ConnectOptions(boolean readOnly, boolean direct, boolean domainsOnDemand) {
    public static final ConnectOptions DEFAULT = new ConnectOptions(false, false);
    public static final ConnectOptions READ_ONLY = new ConnectOptions(true, false);

    public ConnectOptions(boolean readOnly, boolean direct) {
        this(readOnly, direct, false);
    }

    public ConnectOptions(boolean readOnly) {
        this(readOnly, false);
    }

    /** These options, opening the driver in this JVM. */
    public ConnectOptions directly() {
        return new ConnectOptions(readOnly, true, domainsOnDemand);
    }

    /** These options, the driver reading each domain when it is first looked up. */
    public ConnectOptions withDomainsOnDemand() {
        return new ConnectOptions(readOnly, direct, true);
    }
}
