package org.jvirt.daemon.calls;

import static org.jvirt.daemon.rpc.CallTable.Kind.READ;
import static org.jvirt.protocol.remote.RemoteProgram.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY;
import static org.jvirt.protocol.remote.RemoteProgram.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY;

import java.util.concurrent.atomic.AtomicInteger;

import org.jvirt.daemon.rpc.CallTable;
import org.jvirt.daemon.rpc.Session;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/** Event callback registration: each callback gets an id its events carry; read-only clients may watch too. */
public final class EventCalls {
    private EventCalls() {
    }

    public static void register(CallTable t) {
        AtomicInteger ids = new AtomicInteger();
        t.add(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, READ, (c, a) -> {
            if (a.eventId() < 0 || a.eventId() >= EventFanout.EVENT_IDS) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                        "unsupported event ID %d (libvirt's ids are 0 to %d)", a.eventId(), EventFanout.EVENT_IDS - 1);
            }
            // a domain filter names an existing domain, as libvirt checks
            a.dom().ifPresent(c::domain);
            return c.session().addCallback(ids.incrementAndGet(),
                    new Session.Callback(a.eventId(), a.dom().map(d -> d.uuid())));
        });
        t.add(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, READ, (c, id) -> {
            if (!c.session().removeCallback(id)) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                        "callback %d is not registered on this connection", id);
            }
            return null;
        });
    }
}
