package org.jvirt.cli;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.ListFilter;
import org.jvirt.StartOptions;
import org.jvirt.Version;
import org.jvirt.event.DomainEvent;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NodeInfo;

/**
 * A real connection (test:///default) that remembers whether it was closed and, when given
 * scripted events, replays those to every subscriber instead of the driver's own: event output
 * can then be pinned without racing a second thread.
 */
class RecordingConnection implements Connection {
    private final Connection real;
    private final List<DomainEvent> scripted;
    private final AtomicBoolean closed = new AtomicBoolean();

    RecordingConnection(Connection real, List<DomainEvent> scripted) {
        this.real = real;
        this.scripted = List.copyOf(scripted);
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public Flow.Publisher<DomainEvent> events() {
        if (scripted.isEmpty()) {
            return real.events();
        }
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private int next;
            private boolean cancelled;

            @Override
            public synchronized void request(long n) {
                for (long i = 0; i < n && next < scripted.size() && !cancelled; i++) {
                    subscriber.onNext(scripted.get(next++));
                }
            }

            @Override
            public synchronized void cancel() {
                cancelled = true;
            }
        });
    }

    @Override
    public Flow.Publisher<DomainEvent> events(int capacity) {
        return scripted.isEmpty() ? real.events(capacity) : events();
    }

    @Override
    public void close() {
        closed.set(true);
        real.close();
    }

    @Override
    public String uri() {
        return real.uri();
    }

    @Override
    public boolean isReadOnly() {
        return real.isReadOnly();
    }

    @Override
    public List<Domain> listDomains(ListFilter filter) {
        return real.listDomains(filter);
    }

    @Override
    public Domain lookupByName(String name) {
        return real.lookupByName(name);
    }

    @Override
    public Domain lookupByUuid(UUID uuid) {
        return real.lookupByUuid(uuid);
    }

    @Override
    public Domain lookupById(int id) {
        return real.lookupById(id);
    }

    @Override
    public Domain defineXml(String xml) {
        return real.defineXml(xml);
    }

    @Override
    public Domain createXml(String xml, StartOptions options) {
        return real.createXml(xml, options);
    }

    @Override
    public String capabilitiesXml() {
        return real.capabilitiesXml();
    }

    @Override
    public String domainXmlToNative(String format, String xml) {
        return real.domainXmlToNative(format, xml);
    }

    @Override
    public NodeInfo nodeInfo() {
        return real.nodeInfo();
    }

    @Override
    public HostTopology hostTopology() {
        return real.hostTopology();
    }

    @Override
    public String hostname() {
        return real.hostname();
    }

    @Override
    public Version libraryVersion() {
        return real.libraryVersion();
    }

    @Override
    public String hypervisorType() {
        return real.hypervisorType();
    }

    @Override
    public Version hypervisorVersion() {
        return real.hypervisorVersion();
    }

    @Override
    public List<org.jvirt.stats.DomainStats> domainStats(List<Domain> domains,
                                                         java.util.Set<org.jvirt.stats.StatsGroup> groups) {
        return real.domainStats(domains, groups);
    }

    @Override
    public long freeMemory() {
        return real.freeMemory();
    }

    @Override
    public List<Long> cellsFreeMemory() {
        return real.cellsFreeMemory();
    }

    @Override
    public org.jvirt.host.NodeCpuStats nodeCpuStats(java.util.OptionalInt cpu) {
        return real.nodeCpuStats(cpu);
    }

    @Override
    public org.jvirt.host.NodeMemoryStats nodeMemoryStats(java.util.OptionalInt cell) {
        return real.nodeMemoryStats(cell);
    }

    @Override
    public String domainCapabilities(org.jvirt.host.DomainCapabilitiesQuery query) {
        return real.domainCapabilities(query);
    }
}
