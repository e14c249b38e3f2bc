package org.jvirt.protocol;

import java.util.Objects;

import org.jvirt.protocol.xdr.XdrType;

/**
 * One procedure of a program: its number, and the types of its call body and its reply body.
 * A {@link Kind#MESSAGE} procedure (an event, a keepalive) has a body and no reply. Both ends
 * use the same description: a client writes {@code args} and reads {@code result}, a server the
 * other way round.
 */
public record Procedure<A, R>(Program program, int number, String name, Kind kind, XdrType<A> args,
                              XdrType<R> result) {
    public enum Kind {
        CALL,
        MESSAGE
    }

    public Procedure {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(result, "result");
    }

    public Header callHeader(int serial) {
        return new Header(program.number(), program.version(), number, MessageType.CALL, serial, MessageStatus.OK);
    }

    public Header replyHeader(int serial, MessageStatus status) {
        return new Header(program.number(), program.version(), number, MessageType.REPLY, serial, status);
    }

    public Header messageHeader(int serial) {
        return new Header(program.number(), program.version(), number, MessageType.MESSAGE, serial, MessageStatus.OK);
    }

    @Override
    public String toString() {
        return name + " (" + number + ")";
    }
}
