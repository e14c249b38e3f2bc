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

    /** Whether this connection refuses every change ({@code OPERATION_DENIED}). */
    boolean isReadOnly();

    /**
     * The domains that pass {@code filter} (running or not, persistent or transient), sorted by
     * name; what other processes defined, started or undefined is included.
     */
    List<Domain> listDomains(ListFilter filter);

    /** Every domain, running or not (virsh {@code list --all}). */
    default List<Domain> listDomains() {
        return listDomains(ListFilter.ALL);
    }

    /**
     * The domain called {@code name}.
     *
     * @throws org.jvirt.error.VirtException {@code NO_DOMAIN} when there is none
     */
    Domain lookupByName(String name);

    /**
     * The domain with this UUID.
     *
     * @throws org.jvirt.error.VirtException {@code NO_DOMAIN} when there is none
     */
    Domain lookupByUuid(UUID uuid);

    /**
     * The running domain with this id (ids are given at start, from 1).
     *
     * @throws org.jvirt.error.VirtException {@code NO_DOMAIN} when no running domain has it
     */
    Domain lookupById(int id);

    /**
     * Defines a persistent domain from domain XML, or updates the definition of the domain with
     * the same name and UUID (a running domain's change takes effect at its next start).
     *
     * @throws org.jvirt.error.VirtException {@code XML_ERROR} and the validation codes
     *         ({@code VCPU_COUNT}, {@code PIN_TARGET}, ...) with what is wrong and where; nothing
     *         is stored then
     */
    Domain defineXml(String xml);

    /**
     * Creates and starts a transient domain: it has no persistent definition and is gone once
     * it stops.
     */
    Domain createXml(String xml, StartOptions options);

    /** The host's and the driver's capabilities as XML, in the shape of {@code virsh capabilities}. */
    String capabilitiesXml();

    /**
     * What the driver would run for a domain definition, in a driver format: {@code qemu-argv}
     * for the QEMU driver (virsh {@code domxml-to-native}); NO_SUPPORT elsewhere.
     */
    String domainXmlToNative(String format, String xml);

    /** The host's CPUs, memory and NUMA layout in short (virsh {@code nodeinfo}). */
    org.jvirt.host.NodeInfo nodeInfo();

    /** The host's NUMA cells and CPUs (socket, die, core, siblings, online) as the driver sees them. */
    HostTopology hostTopology();

    /** The host's name (the simulated host's for the test driver). */
    String hostname();

    /** jvirt's own version. */
    Version libraryVersion();

    /** {@code QEMU}, {@code LXC}, {@code TEST}. */
    String hypervisorType();

    /** The version of what the driver runs (QEMU's, the kernel's for containers, a fixed one for the test driver). */
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

    // ---------------------------------------------------------------- statistics and host views

    /** The statistics groups asked for, of each of {@code domains} in order (virsh {@code domstats}). */
    java.util.List<org.jvirt.stats.DomainStats> domainStats(java.util.List<Domain> domains,
                                                            java.util.Set<org.jvirt.stats.StatsGroup> groups);

    /** Free memory of the host in bytes (virsh {@code freecell}). */
    long freeMemory();

    /** Free memory of each host NUMA cell in bytes, in cell order (virsh {@code freecell --all}). */
    java.util.List<Long> cellsFreeMemory();

    /** Host CPU time since boot, of every CPU or of {@code cpu} (virsh {@code nodecpustats}). */
    org.jvirt.host.NodeCpuStats nodeCpuStats(java.util.OptionalInt cpu);

    /** Host memory, of the host or of NUMA cell {@code cell} (virsh {@code nodememstats}). */
    org.jvirt.host.NodeMemoryStats nodeMemoryStats(java.util.OptionalInt cell);

    /** What the driver can run, as {@code <domainCapabilities>} XML (virsh {@code domcapabilities}). */
    String domainCapabilities(org.jvirt.host.DomainCapabilitiesQuery query);

    /**
     * Closes the connection: subscribers get {@code onComplete}, further calls fail with
     * {@code INVALID_CONN}. Running domains keep running. Closing twice does nothing.
     */
    @Override
    void close();
}
