package org.jvirt.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jvirt.Connection;
import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.ListFilter;
import org.jvirt.StartOptions;
import org.jvirt.Version;
import org.jvirt.driver.OnDemandThread;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.EventBus;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NodeInfo;
import org.jvirt.log.LazyLogger;
import org.jvirt.spi.Defined;
import org.jvirt.spi.DomainIdentity;
import org.jvirt.spi.DomainSummary;
import org.jvirt.spi.DriverConnection;

/** The public {@link Connection} over a driver's connection: argument and state checks only. */
final class ConnectionImpl implements Connection {
    private static final LazyLogger LOG = LazyLogger.of(ConnectionImpl.class);

    private final String uri;
    private final boolean readOnly;
    private final DriverConnection driver;
    private final EventBus events;
    private final OnDemandThread executor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<UUID> autodestroy = ConcurrentHashMap.newKeySet();

    ConnectionImpl(String uri, boolean readOnly, DriverConnection driver, EventBus events, OnDemandThread executor) {
        this.uri = uri;
        this.readOnly = readOnly;
        this.driver = driver;
        this.events = events;
        this.executor = executor;
    }

    DriverConnection driver() {
        checkOpen();
        return driver;
    }

    void checkOpen() {
        if (closed.get()) {
            throw VirtException.of(ErrorCode.INVALID_CONN, ErrorDomain.CONNECT, "connection %s is closed", uri);
        }
    }

    void checkWritable(String what) {
        checkOpen();
        if (readOnly) {
            throw VirtException.of(ErrorCode.OPERATION_DENIED, ErrorDomain.CONNECT,
                    "operation forbidden: %s needs a read-write connection", what);
        }
    }

    private Domain handle(DomainSummary s) {
        return new DomainHandle(this, s.name(), s.uuid(), List.of());
    }

    private Domain handle(DomainIdentity d) {
        return new DomainHandle(this, d.name(), d.uuid(), List.of());
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public List<Domain> listDomains(ListFilter filter) {
        List<Domain> out = new ArrayList<>();
        for (DomainSummary s : driver().domains().list()) {
            if (filter.accepts(s.active(), s.persistent())) {
                out.add(handle(s));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Domain lookupByName(String name) {
        if (name == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "domain name is missing");
        }
        return handle(driver().domains().identifyByName(name));
    }

    @Override
    public Domain lookupByUuid(UUID uuid) {
        if (uuid == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "domain uuid is missing");
        }
        return handle(driver().domains().identifyByUuid(uuid));
    }

    @Override
    public Domain lookupById(int id) {
        return handle(driver().domains().identifyById(id));
    }

    @Override
    public Domain defineXml(String xml) {
        checkWritable("define");
        Defined defined = driver.domains().define(requireXml(xml));
        return new DomainHandle(this, defined.domain().name(), defined.domain().uuid(), defined.warnings());
    }

    @Override
    public Domain createXml(String xml, StartOptions options) {
        checkWritable("create");
        StartOptions o = options == null ? StartOptions.DEFAULT : options;
        Defined created = driver.domains().create(requireXml(xml), o);
        if (o.autodestroy()) {
            autodestroy.add(created.domain().uuid());
        }
        return new DomainHandle(this, created.domain().name(), created.domain().uuid(), created.warnings());
    }

    /** Destroys the domain {@code uuid} when this connection closes ({@link StartOptions.Flag#AUTODESTROY}). */
    void destroyOnClose(UUID uuid) {
        autodestroy.add(uuid);
    }

    private static String requireXml(String xml) {
        if (xml == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "domain XML is missing");
        }
        return xml;
    }

    @Override
    public String capabilitiesXml() {
        return driver().host().capabilitiesXml();
    }

    @Override
    public String domainXmlToNative(String format, String xml) {
        return driver().domainXmlToNative(format, requireXml(xml));
    }

    @Override
    public NodeInfo nodeInfo() {
        return driver().host().nodeInfo();
    }

    @Override
    public HostTopology hostTopology() {
        return driver().host().topology();
    }

    @Override
    public String hostname() {
        return driver().host().hostname();
    }

    @Override
    public Version libraryVersion() {
        return Version.JVIRT;
    }

    @Override
    public String hypervisorType() {
        return driver().host().hypervisorType();
    }

    @Override
    public Version hypervisorVersion() {
        return driver().host().hypervisorVersion();
    }

    @Override
    public Flow.Publisher<DomainEvent> events() {
        checkOpen();
        return events.publisher();
    }

    @Override
    public Flow.Publisher<DomainEvent> events(int capacity) {
        checkOpen();
        if (capacity < 1) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT,
                    "event buffer capacity must be at least 1, not %d", capacity);
        }
        return events.publisher(capacity);
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public List<org.jvirt.stats.DomainStats> domainStats(List<Domain> domains,
                                                         java.util.Set<org.jvirt.stats.StatsGroup> groups) {
        if (domains == null || groups == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "domains and groups are required");
        }
        return driver().stats().stats(domains.stream().map(Domain::uuid).toList(), java.util.Set.copyOf(groups));
    }

    @Override
    public long freeMemory() {
        return driver().host().freeMemoryBytes();
    }

    @Override
    public List<Long> cellsFreeMemory() {
        return driver().host().cellsFreeMemoryBytes();
    }

    @Override
    public org.jvirt.host.NodeCpuStats nodeCpuStats(java.util.OptionalInt cpu) {
        return driver().host().cpuStats(cpu == null ? java.util.OptionalInt.empty() : cpu);
    }

    @Override
    public org.jvirt.host.NodeMemoryStats nodeMemoryStats(java.util.OptionalInt cell) {
        return driver().host().memoryStats(cell == null ? java.util.OptionalInt.empty() : cell);
    }

    @Override
    public String domainCapabilities(org.jvirt.host.DomainCapabilitiesQuery query) {
        org.jvirt.host.DomainCapabilitiesQuery q = query == null ? org.jvirt.host.DomainCapabilitiesQuery.DEFAULT : query;
        return driver().host().domainCapabilities(q.emulator(), q.arch(), q.machine(), q.virtType());
    }

    @Override
    public String toString() {
        return "Connection[" + uri + (readOnly ? ", read-only" : "") + (closed.get() ? ", closed" : "") + "]";
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                destroyAutodestroyed();
                driver.close();
            } finally {
                events.close();
                executor.shutdown();
            }
        }
    }

    /** What this connection started with AUTODESTROY and still runs: destroyed, best effort. */
    private void destroyAutodestroyed() {
        for (UUID uuid : autodestroy) {
            try {
                driver.domains().destroy(uuid, DestroyOptions.DEFAULT);
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_DOMAIN && e.code() != ErrorCode.OPERATION_INVALID
                        && e.code() != ErrorCode.NOT_RUNNING) {
                    LOG.warn("cannot destroy the autodestroy domain {}: {}", uuid, e.getMessage());
                }
            }
        }
    }
}
