package org.jvirt.cli.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.ListFilter;
import org.jvirt.StartOptions;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.Version;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NodeInfo;
import org.jvirt.model.DomainDef;

/**
 * An in-memory {@link Connection} with the state of libvirt's test:///default: one running
 * domain {@code test} (id 1, 2 vCPUs, 8 GiB max, 2 GiB used) on {@link FakeHost}. Events given
 * to {@link #scriptEvents} are replayed to each subscriber.
 */
public final class FakeConnection implements Connection {
    public static final UUID TEST_UUID = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
    static final String TEST_XML = """
            <domain type='test' id='1'>
              <name>test</name>
              <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
              <memory unit='KiB'>8388608</memory>
              <currentMemory unit='KiB'>2097152</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
              </os>
            </domain>
            """;

    final Object lock = new Object();
    final Map<UUID, FakeDomainState> domains = new LinkedHashMap<>();
    final boolean readOnly;
    private final String uri;
    private final List<DomainEvent> scripted = new ArrayList<>();
    private int nextId = 2;
    boolean closed;

    public FakeConnection(String uri, boolean readOnly) {
        this.uri = uri;
        this.readOnly = readOnly;
        FakeDomainState test = new FakeDomainState(FakeXml.parse(TEST_XML), TEST_XML, true);
        test.config = test.config.toBuilder().memory(new org.jvirt.model.DomainMemory(8388608, 2097152,
                java.util.Optional.empty())).build();
        test.live = test.config;
        test.id = 1;
        test.state = new StateInfo(DomainState.RUNNING, StateReason.BOOTED);
        domains.put(TEST_UUID, test);
    }

    public FakeConnection() {
        this("test:///default", false);
    }

    public void scriptEvents(List<DomainEvent> events) {
        synchronized (lock) {
            scripted.addAll(events);
        }
    }

    FakeDomainState state(UUID uuid) {
        FakeDomainState s = domains.get(uuid);
        if (s == null) {
            throw VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "domain not found: no domain with UUID %s",
                    uuid);
        }
        return s;
    }

    void checkWritable() {
        if (readOnly) {
            throw VirtException.of(ErrorCode.OPERATION_DENIED, ErrorDomain.TEST,
                    "operation forbidden: read only access prevents this call");
        }
    }

    int allocateId() {
        return nextId++;
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
        synchronized (lock) {
            List<Domain> out = new ArrayList<>();
            for (var e : domains.entrySet()) {
                if (filter.accepts(e.getValue().active(), e.getValue().persistent)) {
                    out.add(new FakeDomain(this, e.getKey()));
                }
            }
            return out;
        }
    }

    @Override
    public Domain lookupByName(String name) {
        synchronized (lock) {
            for (var e : domains.entrySet()) {
                if (e.getValue().config.name().equals(name)) {
                    return new FakeDomain(this, e.getKey());
                }
            }
        }
        throw VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "domain not found: no domain named '%s'", name);
    }

    @Override
    public Domain lookupByUuid(UUID uuid) {
        synchronized (lock) {
            state(uuid);
            return new FakeDomain(this, uuid);
        }
    }

    @Override
    public Domain lookupById(int id) {
        synchronized (lock) {
            for (var e : domains.entrySet()) {
                if (e.getValue().active() && e.getValue().id == id) {
                    return new FakeDomain(this, e.getKey());
                }
            }
        }
        throw VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "domain not found: no domain with id %d", id);
    }

    @Override
    public Domain defineXml(String xml) {
        checkWritable();
        DomainDef def = FakeXml.parse(xml);
        synchronized (lock) {
            FakeDomainState existing = findByName(def.name());
            if (existing != null && !existing.config.uuid().equals(def.uuid())) {
                throw VirtException.of(ErrorCode.DOM_EXIST, ErrorDomain.TEST,
                        "domain '%s' already exists with uuid %s", def.name(), existing.config.uuid());
            }
            FakeDomainState s = domains.get(def.uuid());
            if (s == null) {
                domains.put(def.uuid(), new FakeDomainState(def, xml, true));
            } else {
                s.config = def;
                s.xml = xml;
                s.persistent = true;
            }
            return new FakeDomain(this, def.uuid());
        }
    }

    @Override
    public Domain createXml(String xml, StartOptions options) {
        checkWritable();
        DomainDef def = FakeXml.parse(xml);
        synchronized (lock) {
            FakeDomainState s = domains.get(def.uuid());
            if (s != null && s.active()) {
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                        "domain '%s' is already active", def.name());
            }
            if (s == null) {
                s = new FakeDomainState(def, xml, false);
                domains.put(def.uuid(), s);
            }
            FakeDomain d = new FakeDomain(this, def.uuid());
            d.startLocked(s, options);
            return d;
        }
    }

    private FakeDomainState findByName(String name) {
        return domains.values().stream().filter(s -> s.config.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public String capabilitiesXml() {
        return "<capabilities>\n  <host>\n    <cpu>\n      <arch>i686</arch>\n    </cpu>\n  </host>\n</capabilities>\n";
    }

    @Override
    public NodeInfo nodeInfo() {
        return new NodeInfo("i686");
    }

    @Override
    public HostTopology hostTopology() {
        return FakeHost.topology();
    }

    @Override
    public String hostname() {
        return "fakehost";
    }

    @Override
    public Version libraryVersion() {
        return Version.JVIRT;
    }

    @Override
    public String hypervisorType() {
        return "TEST";
    }

    @Override
    public Version hypervisorVersion() {
        return new Version(0, 0, 2);
    }

    @Override
    public Flow.Publisher<DomainEvent> events() {
        List<DomainEvent> replay;
        synchronized (lock) {
            replay = List.copyOf(scripted);
        }
        return subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            replay.forEach(subscriber::onNext);
        };
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean isClosedForTest() {
        return closed;
    }
}
