package org.jvirt.daemon.rpc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jvirt.protocol.Procedure;

/**
 * The procedures jvirtd serves: number -> what decodes the arguments, runs the call and encodes
 * the result. Each entry says whether the call changes anything (refused on read-only access) and
 * whether it needs an open connection (before {@code CONNECT_OPEN} only the open and auth calls and
 * the feature probe are allowed). A procedure marked {@link #quick quick} may run on the I/O thread
 * for a driver that answers from memory (see {@link Dispatcher}).
 */
public final class CallTable {
    /** Runs one call: arguments in, result out; a VirtException becomes an error reply. */
    @FunctionalInterface
    public interface Handler<A, R> {
        R handle(Call call, A args);
    }

    /** How a procedure may be used. */
    public enum Kind {
        /** Reads only; allowed on read-only access. */
        READ,
        /** Changes something; refused on read-only access. */
        WRITE,
        /** Allowed before the connection is open (open, auth, feature probe). */
        PRE_OPEN
    }

    /**
     * @param quick a read a driver that keeps its state in this JVM's memory answers at once
     *              (no I/O, no wait for another job of more than a moment)
     */
    public record Entry<A, R>(Procedure<A, R> procedure, Kind kind, Handler<A, R> handler, boolean quick) {
    }

    private final Map<Integer, Entry<?, ?>> entries = new HashMap<>();

    public <A, R> CallTable add(Procedure<A, R> p, Kind kind, Handler<A, R> handler) {
        if (entries.put(p.number(), new Entry<>(p, kind, handler, false)) != null) {
            throw new IllegalArgumentException("two handlers for " + p);
        }
        return this;
    }

    /** Marks procedures already added as quick reads ({@link Entry#quick}). */
    public CallTable quick(Procedure<?, ?>... procedures) {
        for (Procedure<?, ?> p : procedures) {
            Entry<?, ?> e = entries.get(p.number());
            if (e == null || e.kind() == Kind.WRITE) {
                throw new IllegalArgumentException(p + " is not a read this table serves");
            }
            entries.put(p.number(), quick(e));
        }
        return this;
    }

    private static <A, R> Entry<A, R> quick(Entry<A, R> e) {
        return new Entry<>(e.procedure(), e.kind(), e.handler(), true);
    }

    public Optional<Entry<?, ?>> find(int number) {
        return Optional.ofNullable(entries.get(number));
    }

    public int size() {
        return entries.size();
    }

    /** Every served procedure: number -> name. */
    public java.util.SortedMap<Integer, String> names() {
        java.util.SortedMap<Integer, String> out = new java.util.TreeMap<>();
        entries.forEach((n, e) -> out.put(n, e.procedure().name()));
        return out;
    }

    public boolean has(int number) {
        return entries.containsKey(number);
    }
}
