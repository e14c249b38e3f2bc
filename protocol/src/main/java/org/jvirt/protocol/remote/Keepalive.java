package org.jvirt.protocol.remote;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.protocol.Procedure;
import org.jvirt.protocol.ProcedureTable;
import org.jvirt.protocol.Program;
import org.jvirt.protocol.xdr.Xdr;

/**
 * The KEEPALIVE program: PING and PONG, both MESSAGE frames with serial 0 and no body. Either end
 * may ping once the client has asked {@code CONNECT_SUPPORTS_FEATURE(}{@link Features#KEEPALIVE}).
 */
public final class Keepalive {
    public static final Program PROGRAM = new Program("KEEPALIVE", 0x6b656570, 1);
    private static final List<Procedure<?, ?>> ALL = new ArrayList<>();
    public static final Procedure<Void, Void> PING = message(1, "PING");
    public static final Procedure<Void, Void> PONG = message(2, "PONG");
    public static final ProcedureTable TABLE = new ProcedureTable(PROGRAM, ALL);

    /** libvirt's defaults: a ping after 5 idle seconds, the peer dead after 5 unanswered ones. */
    public static final int DEFAULT_INTERVAL_SECONDS = 5;
    public static final int DEFAULT_COUNT = 5;

    private Keepalive() {
    }

    private static Procedure<Void, Void> message(int number, String name) {
        Procedure<Void, Void> p = new Procedure<>(PROGRAM, number, name, Procedure.Kind.MESSAGE, Xdr.VOID, Xdr.VOID);
        ALL.add(p);
        return p;
    }
}
