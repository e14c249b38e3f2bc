package org.jvirt.driver.remote;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * The wire name of each domain this connection has seen: calls address a domain by UUID, and the
 * server's messages use the name that comes with it, so the name is remembered from the last
 * lookup, list or event (one LOOKUP_BY_UUID for a domain never seen).
 */
final class DomainRefs {
    private final RpcClient rpc;
    private final Map<UUID, DomainRef> known = new ConcurrentHashMap<>();

    DomainRefs(RpcClient rpc) {
        this.rpc = rpc;
    }

    DomainRef get(UUID uuid) {
        DomainRef r = known.get(uuid);
        return r != null ? r : remember(rpc.call(RemoteProgram.DOMAIN_LOOKUP_BY_UUID, uuid));
    }

    DomainRef remember(DomainRef r) {
        known.put(r.uuid(), r);
        return r;
    }

    void forget(UUID uuid) {
        known.remove(uuid);
    }
}
