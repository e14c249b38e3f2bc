package org.jvirt.daemon.calls;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

import org.jvirt.Connection;
import org.jvirt.StateReason;
import org.jvirt.daemon.rpc.Session;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.protocol.Frames;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteMessages.LifecycleEvent;
import org.jvirt.protocol.remote.RemoteMessages.TunableEvent;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.protocol.remote.TypedParam;

/**
 * Every event of a driver connection, to every client of that URI that registered a callback for
 * its kind (and its domain, when the callback named one), as libvirt's per-callback MESSAGE frames.
 * jvirt raises lifecycle and tunable events; callbacks for the other kinds are accepted and never
 * fire.
 */
public final class EventFanout {
    /** libvirt's event ids. */
    public static final int LIFECYCLE = 0;
    public static final int TUNABLE = 17;
    /** How many event ids libvirt 9.0 has (registering any of them is accepted). */
    public static final int EVENT_IDS = 27;
    /** Events travel with serial 1, as libvirtd sends them. */
    private static final int EVENT_SERIAL = 1;

    private final Supplier<? extends Iterable<Session>> sessions;

    public EventFanout(Supplier<? extends Iterable<Session>> sessions) {
        this.sessions = sessions;
    }

    /** Starts listening to {@code conn}'s events (called once, when the daemon opens it). */
    public void watch(String uri, Connection conn) {
        conn.events().subscribe(new Flow.Subscriber<DomainEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(DomainEvent e) {
                deliver(uri, conn, e);
            }

            @Override
            public void onError(Throwable t) {
                // the connection closed: the daemon is stopping
            }

            @Override
            public void onComplete() {
                // as onError
            }
        });
    }

    void deliver(String uri, Connection conn, DomainEvent e) {
        DomainRef ref = null;
        for (Session s : sessions.get()) {
            if (s.callbacks().isEmpty() || !s.uri().filter(uri::equals).isPresent()) {
                continue;
            }
            for (Map.Entry<Integer, Session.Callback> cb : s.callbacks().entrySet()) {
                Session.Callback c = cb.getValue();
                if (c.domain().isPresent() && !c.domain().get().equals(e.uuid())) {
                    continue;
                }
                if (ref == null) {
                    ref = ref(conn, e);
                }
                for (byte[] frame : frames(cb.getKey(), c.eventId(), ref, e)) {
                    s.send(frame);
                }
            }
        }
    }

    private static DomainRef ref(Connection conn, DomainEvent e) {
        int id = -1;
        try {
            id = conn.lookupByUuid(e.uuid()).id().orElse(-1);
        } catch (VirtException gone) {
            // undefined or a transient domain that stopped: no id
        }
        return new DomainRef(e.name(), e.uuid(), id);
    }

    /** The frames of one event for one callback: none when the callback is for another kind. */
    static List<byte[]> frames(int callbackId, int eventId, DomainRef ref, DomainEvent e) {
        if (eventId == LIFECYCLE) {
            return lifecycle(e).stream().map(td -> Frames.message(RemoteProgram.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                    EVENT_SERIAL, new LifecycleEvent(callbackId, ref, td[0], td[1]))).toList();
        }
        if (eventId == TUNABLE) {
            return tunable(e).map(p -> List.of(Frames.message(RemoteProgram.DOMAIN_EVENT_CALLBACK_TUNABLE,
                    EVENT_SERIAL, new TunableEvent(callbackId, ref, List.of(p))))).orElse(List.of());
        }
        return List.of();
    }

    /** libvirt's lifecycle (event, detail) pairs for a jvirt event; a paused start is two. */
    static List<int[]> lifecycle(DomainEvent e) {
        if (e instanceof DomainEvent.Defined d) {
            return List.of(new int[] {0, d.updated() ? 1 : 0});
        }
        if (e instanceof DomainEvent.Undefined) {
            return List.of(new int[] {1, 0});
        }
        if (e instanceof DomainEvent.Started s) {
            return s.paused() ? List.of(new int[] {2, 0}, new int[] {3, 0}) : List.<int[]>of(new int[] {2, 0});
        }
        if (e instanceof DomainEvent.Suspended) {
            return List.<int[]>of(new int[] {3, 0});
        }
        if (e instanceof DomainEvent.Resumed) {
            return List.<int[]>of(new int[] {4, 0});
        }
        if (e instanceof DomainEvent.Stopped s) {
            return List.<int[]>of(new int[] {5, stopDetail(s.reason())});
        }
        if (e instanceof DomainEvent.Crashed) {
            return List.<int[]>of(new int[] {5, 2});
        }
        return List.of();
    }

    private static int stopDetail(StateReason r) {
        return switch (r) {
            case SHUTDOWN -> 0;
            case DESTROYED -> 1;
            case CRASHED -> 2;
            case FAILED -> 5;
            default -> 0;
        };
    }

    /**
     * A tunable parameter for a jvirt event: pins as libvirt names them ({@code cputune.vcpupin1},
     * a CPU list), vCPU counts as {@code vcpu.current} (live) or {@code vcpu.current.config}.
     */
    static Optional<TypedParam> tunable(DomainEvent e) {
        if (e instanceof DomainEvent.PinChanged p) {
            return Optional.of(new TypedParam("cputune." + p.target(), new TypedParam.StringValue(p.cpus().format())));
        }
        if (e instanceof DomainEvent.VcpusChanged v) {
            return Optional.of(new TypedParam("vcpu.current" + (v.live() ? "" : ".config"),
                    new TypedParam.UIntValue(v.current())));
        }
        return Optional.empty();
    }
}
