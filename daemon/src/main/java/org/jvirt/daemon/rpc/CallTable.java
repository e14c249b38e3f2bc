package org.jvirt.daemon.rpc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jvirt.protocol.Procedure;

/**
 * The procedures jvirtd serves: number -> what decodes the arguments, runs the call and encodes
 * the result. Each entry says whether the call changes anything (refused on read-only access) and
 * whether it needs an open connection (before {@code CONNECT_OPEN} only the open and auth calls and
 * the feature probe are allowed).
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

    public record Entry<A, R>(Procedure<A, R> procedure, Kind kind, Handler<A, R> handler) {
    }

    private final Map<Integer, Entry<?, ?>> entries = new HashMap<>();

    public <A, R> CallTable add(Procedure<A, R> p, Kind kind, Handler<A, R> handler) {
        if (entries.put(p.number(), new Entry<>(p, kind, handler)) != null) {
            throw new IllegalArgumentException("two handlers for " + p);
        }
        return this;
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
