package org.jvirt;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Flow;

import org.jvirt.event.DomainEvent;
import org.jvirt.host.HostTopology;

/**
 * An open connection to one driver (chosen by URI). Thread-safe; close it when done (running
 * domains keep running).
 *
 * <pre>{@code
 * try (Connection c = Jvirt.connect("test:///default")) {
 *     Domain d = c.lookupByName("test");
 *     d.pinVcpu(1, CpuSet.parse("2-3"), Affect.LIVE);
 * }
 * }</pre>
 */
public interface Connection extends AutoCloseable {
    /** The URI this connection was opened with (after resolution and aliases). */
    String uri();

    boolean isReadOnly();

    List<Domain> listDomains(ListFilter filter);

    default List<Domain> listDomains() {
        return listDomains(ListFilter.ALL);
    }

    /** @throws org.jvirt.error.VirtException NO_DOMAIN when there is none */
    Domain lookupByName(String name);

    Domain lookupByUuid(UUID uuid);

    /** By the id of a running domain. */
    Domain lookupById(int id);

    /** Defines (or updates) a persistent domain. */
    Domain defineXml(String xml);

    /** Creates and starts a transient domain. */
    Domain createXml(String xml, StartOptions options);

    String capabilitiesXml();

    /**
     * What the driver would run for a domain definition, in a driver format: {@code qemu-argv}
     * for the QEMU driver (virsh {@code domxml-to-native}); NO_SUPPORT elsewhere.
     */
    String domainXmlToNative(String format, String xml);

    org.jvirt.host.NodeInfo nodeInfo();

    HostTopology hostTopology();

    String hostname();

    Version libraryVersion();

    /** {@code QEMU}, {@code LXC}, {@code TEST}. */
    String hypervisorType();

    Version hypervisorVersion();

    /**
     * Every domain event of this connection; subscribe with any {@link Flow.Subscriber}. Each
     * subscriber has a buffer of {@value org.jvirt.event.EventBus#DEFAULT_CAPACITY} events; see
     * {@link #events(int)}.
     */
    Flow.Publisher<DomainEvent> events();

    /**
     * Every domain event of this connection, each subscriber with a buffer of {@code capacity}
     * events (at least 1). Events are delivered in order on a thread of the connection. A
     * subscriber whose buffer is full when an event comes receives every event buffered before
     * that, then {@code onError} with an {@link org.jvirt.event.EventsMissedException} that says
     * how many it missed; that subscription has ended. Nothing is dropped silently.
     */
    Flow.Publisher<DomainEvent> events(int capacity);

    @Override
    void close();
}
