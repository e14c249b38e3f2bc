package org.jvirt.driver.remote;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jvirt.StateReason;
import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.EventBus;
import org.jvirt.model.CpuSet;
import org.jvirt.protocol.Frame;
import org.jvirt.protocol.ProtocolException;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.Features;
import org.jvirt.protocol.remote.RemoteMessages.LifecycleEvent;
import org.jvirt.protocol.remote.RemoteMessages.RegisterAnyArgs;
import org.jvirt.protocol.remote.RemoteMessages.TunableEvent;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.protocol.remote.TypedParam;

/**
 * The server's events as jvirt's {@link DomainEvent}s on the connection's bus. The server is asked
 * for them ({@code CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY}: lifecycle and tunable) when the
 * first subscriber comes, and they are withdrawn when the connection closes. A lost connection
 * ends the stream with the error ({@code onError} for every subscriber).
 */
final class RemoteEvents implements RpcClient.Listener {
    static final int EVENT_LIFECYCLE = 0;
    static final int EVENT_TUNABLE = 17;

    private final RpcClient rpc;
    private final EventBus bus;
    /** callback id -> event id, for the callbacks this connection registered. */
    private final Map<Integer, Integer> callbacks = new ConcurrentHashMap<>();
    private boolean registered;

    RemoteEvents(RpcClient rpc, EventBus bus) {
        this.rpc = rpc;
        this.bus = bus;
    }

    /** Before a subscription takes effect: ask the server for events, once. */
    synchronized void subscribed() {
        if (registered) {
            return;
        }
        if (rpc.call(RemoteProgram.CONNECT_SUPPORTS_FEATURE, Features.REMOTE_EVENT_CALLBACK) != 1) {
            throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.CONNECT,
                    "the server at %s does not send per-callback domain events", rpc.peer());
        }
        rpc.promptMessages(true);
        for (int event : List.of(EVENT_LIFECYCLE, EVENT_TUNABLE)) {
            int id = rpc.call(RemoteProgram.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                    new RegisterAnyArgs(event, Optional.empty()));
            callbacks.put(id, event);
        }
        registered = true;
    }

    synchronized void deregisterAll() {
        for (Integer id : callbacks.keySet()) {
            rpc.call(RemoteProgram.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, id, 5);
            callbacks.remove(id);
        }
    }

    @Override
    public void message(Frame f) {
        int proc = f.header().procedure();
        try {
            if (proc == RemoteProgram.DOMAIN_EVENT_CALLBACK_LIFECYCLE.number()) {
                LifecycleEvent e = f.decode(RemoteProgram.DOMAIN_EVENT_CALLBACK_LIFECYCLE.args());
                if (callbacks.containsKey(e.callbackId())) {
                    lifecycle(e.dom(), e.event(), e.detail()).ifPresent(bus::publish);
                }
            } else if (proc == RemoteProgram.DOMAIN_EVENT_CALLBACK_TUNABLE.number()) {
                TunableEvent e = f.decode(RemoteProgram.DOMAIN_EVENT_CALLBACK_TUNABLE.args());
                if (callbacks.containsKey(e.callbackId())) {
                    tunable(e).forEach(bus::publish);
                }
            }
            // other messages: events this connection did not ask for
        } catch (ProtocolException | VirtException e) {
            // a malformed event is dropped; the calls on the connection are unaffected
        }
    }

    @Override
    public void lost(VirtException cause) {
        bus.closeExceptionally(cause);
    }

    /** libvirt's lifecycle event (type, detail) as jvirt's; types jvirt has no event for give none. */
    static Optional<DomainEvent> lifecycle(DomainRef d, int type, int detail) {
        String n = d.name();
        return Optional.ofNullable(switch (type) {
            case 0 -> new DomainEvent.Defined(n, d.uuid(), detail == 1);
            case 1 -> new DomainEvent.Undefined(n, d.uuid());
            case 2 -> new DomainEvent.Started(n, d.uuid(), false);
            case 3, 7 -> new DomainEvent.Suspended(n, d.uuid());
            case 4 -> new DomainEvent.Resumed(n, d.uuid());
            case 5 -> new DomainEvent.Stopped(n, d.uuid(), switch (detail) {
                case 0 -> StateReason.SHUTDOWN;
                case 1 -> StateReason.DESTROYED;
                case 2 -> StateReason.CRASHED;
                case 5 -> StateReason.FAILED;
                default -> StateReason.UNKNOWN;
            });
            case 8 -> new DomainEvent.Crashed(n, d.uuid());
            default -> null;
        });
    }

    /**
     * {@code cputune.vcpupinN}, {@code cputune.emulatorpin}, {@code cputune.iothreadpinK} as pin changes;
     * {@code vcpu.current} and {@code vcpu.current.config} (what jvirtd sends for a vCPU count change)
     * as vCPU count changes.
     */
    static List<DomainEvent> tunable(TunableEvent e) {
        List<DomainEvent> out = new java.util.ArrayList<>();
        for (TypedParam p : e.params()) {
            if (p.field().startsWith("cputune.") && p.field().contains("pin")
                    && p.value() instanceof TypedParam.StringValue s) {
                out.add(new DomainEvent.PinChanged(e.dom().name(), e.dom().uuid(),
                        p.field().substring("cputune.".length()), CpuSet.parse(s.value()), true));
            } else if (p.field().startsWith("vcpu.current") && p.value() instanceof TypedParam.UIntValue n) {
                out.add(new DomainEvent.VcpusChanged(e.dom().name(), e.dom().uuid(), n.value(),
                        !p.field().endsWith(".config")));
            }
        }
        return out;
    }
}
