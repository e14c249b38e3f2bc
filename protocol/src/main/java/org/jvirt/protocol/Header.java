package org.jvirt.protocol;

import java.util.Objects;

import org.jvirt.protocol.xdr.XdrReader;
import org.jvirt.protocol.xdr.XdrWriter;

/** The six words after a frame's length: what the body is and which call it belongs to. */
public record Header(int program, int version, int procedure, MessageType type, int serial, MessageStatus status) {
    /** Bytes of a header. */
    public static final int SIZE = 24;

    public Header {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    public static Header read(XdrReader in) {
        int program = in.readInt();
        int version = in.readInt();
        int procedure = in.readInt();
        MessageType type = MessageType.of(in.readInt());
        int serial = in.readInt();
        MessageStatus status = MessageStatus.of(in.readInt());
        return new Header(program, version, procedure, type, serial, status);
    }

    public void write(XdrWriter out) {
        out.writeInt(program).writeInt(version).writeInt(procedure).writeInt(type.code()).writeInt(serial)
                .writeInt(status.code());
    }

    /** For messages: {@code program 0x20008086 v1 proc 23 CALL serial 7 OK}. */
    @Override
    public String toString() {
        return String.format("program 0x%08x v%d proc %d %s serial %d %s", program, version, procedure, type, serial,
                status);
    }
}
