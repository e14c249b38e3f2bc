package org.jvirt.driver.remote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jvirt.XmlFlag;
import org.jvirt.DestroyOptions;
import org.jvirt.DomainInfo;
import org.jvirt.StartOptions;
import org.jvirt.StateInfo;
import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.model.DomainDef;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteMessages.DomainFlags;
import org.jvirt.protocol.remote.RemoteMessages.ListAllArgs;
import org.jvirt.protocol.remote.RemoteMessages.ListAllResult;
import org.jvirt.protocol.remote.RemoteMessages.StateResult;
import org.jvirt.protocol.remote.RemoteMessages.XmlFlags;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.spi.Defined;
import org.jvirt.spi.DomainIdentity;
import org.jvirt.spi.DomainOps;
import org.jvirt.spi.DomainSummary;
import org.jvirt.xml.DomainXml;

/**
 * Domains over the wire. Independent calls go out together (a list asks every domain's state at
 * once), so an operation costs one or two round trips however many calls it needs.
 */
final class RemoteDomainOps implements DomainOps {
    private static final int LIST_PERSISTENT = 4;
    private static final int START_PAUSED = 1;
    private static final int DESTROY_GRACEFUL = 1;

    private final DomainXml domainXml = new DomainXml();
    private final RpcClient rpc;
    private final DomainRefs refs;

    RemoteDomainOps(RpcClient rpc, DomainRefs refs) {
        this.rpc = rpc;
        this.refs = refs;
    }

    @Override
    public List<DomainSummary> list() {
        CompletableFuture<ListAllResult> all = rpc.callAsync(RemoteProgram.CONNECT_LIST_ALL_DOMAINS, new ListAllArgs(1, 0));
        CompletableFuture<ListAllResult> persistent = rpc.callAsync(RemoteProgram.CONNECT_LIST_ALL_DOMAINS,
                new ListAllArgs(1, LIST_PERSISTENT));
        List<DomainRef> doms = rpc.await(all, RemoteProgram.CONNECT_LIST_ALL_DOMAINS).domains();
        Set<UUID> persistentIds = new HashSet<>();
        rpc.await(persistent, RemoteProgram.CONNECT_LIST_ALL_DOMAINS).domains().forEach(d -> persistentIds.add(d.uuid()));
        List<CompletableFuture<StateResult>> states = new ArrayList<>(doms.size());
        for (DomainRef d : doms) {
            states.add(rpc.callAsync(RemoteProgram.DOMAIN_GET_STATE, new DomainFlags(d, 0)));
        }
        List<DomainSummary> out = new ArrayList<>(doms.size());
        for (int i = 0; i < doms.size(); i++) {
            DomainRef d = refs.remember(doms.get(i));
            StateResult s = rpc.await(states.get(i), RemoteProgram.DOMAIN_GET_STATE);
            out.add(summary(d, persistentIds.contains(d.uuid()), States.of(s.state(), s.reason())));
        }
        return out;
    }

    private static DomainSummary summary(DomainRef d, boolean persistent, StateInfo state) {
        return new DomainSummary(d.name(), d.uuid(), d.id() < 0 ? OptionalInt.empty() : OptionalInt.of(d.id()),
                persistent, state);
    }

    /** Identity, state and persistence of a domain the server just named: two calls, one round trip. */
    private DomainSummary describe(DomainRef d) {
        refs.remember(d);
        CompletableFuture<StateResult> state = rpc.callAsync(RemoteProgram.DOMAIN_GET_STATE, new DomainFlags(d, 0));
        CompletableFuture<Integer> persistent = rpc.callAsync(RemoteProgram.DOMAIN_IS_PERSISTENT, d);
        StateResult s = rpc.await(state, RemoteProgram.DOMAIN_GET_STATE);
        return summary(d, rpc.await(persistent, RemoteProgram.DOMAIN_IS_PERSISTENT) == 1,
                States.of(s.state(), s.reason()));
    }

    @Override
    public DomainSummary lookupByName(String name) {
        return describe(rpc.call(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, name));
    }

    @Override
    public DomainSummary lookupByUuid(UUID uuid) {
        return describe(rpc.call(RemoteProgram.DOMAIN_LOOKUP_BY_UUID, uuid));
    }

    @Override
    public DomainSummary lookupById(int id) {
        return describe(rpc.call(RemoteProgram.DOMAIN_LOOKUP_BY_ID, id));
    }

    /** One call: LOOKUP_BY_NAME names the domain, as virDomainLookupByName does. */
    @Override
    public DomainIdentity identifyByName(String name) {
        return identity(rpc.call(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, name));
    }

    @Override
    public DomainIdentity identifyByUuid(UUID uuid) {
        return identity(rpc.call(RemoteProgram.DOMAIN_LOOKUP_BY_UUID, uuid));
    }

    @Override
    public DomainIdentity identifyById(int id) {
        return identity(rpc.call(RemoteProgram.DOMAIN_LOOKUP_BY_ID, id));
    }

    private DomainIdentity identity(DomainRef d) {
        refs.remember(d);
        return new DomainIdentity(d.name(), d.uuid());
    }

    @Override
    public Defined define(String xml) {
        return Defined.of(describe(rpc.call(RemoteProgram.DOMAIN_DEFINE_XML, xml)));
    }

    @Override
    public Defined create(String xml, StartOptions options) {
        return Defined.of(describe(rpc.call(RemoteProgram.DOMAIN_CREATE_XML,
                new XmlFlags(xml, options.paused() ? START_PAUSED : 0))));
    }

    @Override
    public void start(UUID uuid, StartOptions options) {
        DomainRef d = refs.get(uuid);
        if (options.paused()) {
            refs.remember(rpc.call(RemoteProgram.DOMAIN_CREATE_WITH_FLAGS, new DomainFlags(d, START_PAUSED)));
        } else {
            rpc.call(RemoteProgram.DOMAIN_CREATE, d);
        }
    }

    @Override
    public void destroy(UUID uuid, DestroyOptions options) {
        DomainRef d = refs.get(uuid);
        if (options.graceful()) {
            rpc.call(RemoteProgram.DOMAIN_DESTROY_FLAGS, new DomainFlags(d, DESTROY_GRACEFUL));
        } else {
            rpc.call(RemoteProgram.DOMAIN_DESTROY, d);
        }
    }

    @Override
    public void shutdown(UUID uuid) {
        rpc.call(RemoteProgram.DOMAIN_SHUTDOWN, refs.get(uuid));
    }

    @Override
    public void reboot(UUID uuid) {
        rpc.call(RemoteProgram.DOMAIN_REBOOT, new DomainFlags(refs.get(uuid), 0));
    }

    @Override
    public void suspend(UUID uuid) {
        rpc.call(RemoteProgram.DOMAIN_SUSPEND, refs.get(uuid));
    }

    @Override
    public void resume(UUID uuid) {
        rpc.call(RemoteProgram.DOMAIN_RESUME, refs.get(uuid));
    }

    @Override
    public void undefine(UUID uuid) {
        rpc.call(RemoteProgram.DOMAIN_UNDEFINE_FLAGS, new DomainFlags(refs.get(uuid), 0));
    }

    @Override
    public StateInfo state(UUID uuid) {
        StateResult s = rpc.call(RemoteProgram.DOMAIN_GET_STATE, new DomainFlags(refs.get(uuid), 0));
        return States.of(s.state(), s.reason());
    }

    @Override
    public DomainInfo info(UUID uuid) {
        var i = rpc.call(RemoteProgram.DOMAIN_GET_INFO, refs.get(uuid));
        return new DomainInfo(States.state(i.state()), i.maxMem(), i.memory(), i.nrVirtCpu(), i.cpuTime());
    }

    @Override
    public OptionalInt id(UUID uuid) {
        DomainRef d = refs.remember(rpc.call(RemoteProgram.DOMAIN_LOOKUP_BY_UUID, uuid));
        return d.id() < 0 ? OptionalInt.empty() : OptionalInt.of(d.id());
    }

    @Override
    public DomainDef definition(UUID uuid, boolean inactive) {
        return domainXml.read(xml(uuid, inactive ? Set.of(XmlFlag.INACTIVE) : Set.of())).def();
    }

    @Override
    public String xml(UUID uuid, Set<XmlFlag> flags) {
        return rpc.call(RemoteProgram.DOMAIN_GET_XML_DESC, new DomainFlags(refs.get(uuid), XmlFlag.bits(flags)));
    }

    /** Whether the domain runs and whether it is persistent, asked together. */
    boolean[] activeAndPersistent(DomainRef d) {
        CompletableFuture<Integer> active = rpc.callAsync(RemoteProgram.DOMAIN_IS_ACTIVE, d);
        CompletableFuture<Integer> persistent = rpc.callAsync(RemoteProgram.DOMAIN_IS_PERSISTENT, d);
        return new boolean[] {rpc.await(active, RemoteProgram.DOMAIN_IS_ACTIVE) == 1,
            rpc.await(persistent, RemoteProgram.DOMAIN_IS_PERSISTENT) == 1};
    }
}
