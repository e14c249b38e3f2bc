package org.jvirt.daemon.rpc;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.protocol.remote.DomainRef;

/** One call in progress: the client that made it and what a handler needs from it. */
public record Call(Session session, int serial) {
    /** The driver connection the client opened. */
    public Connection conn() {
        return session.connection().orElseThrow(() -> new VirtException(ErrorCode.INTERNAL_ERROR,
                ErrorDomain.CONNECT, "hypervisor connection not open"));
    }

    /** The domain a reference names (by UUID, as libvirt's drivers look it up). */
    public Domain domain(DomainRef ref) {
        return conn().lookupByUuid(ref.uuid());
    }
}
