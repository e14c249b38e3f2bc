package org.jvirt.protocol;

import org.jvirt.protocol.xdr.XdrType;
import org.jvirt.protocol.xdr.XdrWriter;

/** Writes whole frames: length word, header, body. */
public final class Frames {
    private Frames() {
    }

    public static <T> byte[] encode(Header header, XdrType<T> type, T body) {
        XdrWriter out = new XdrWriter(128);
        out.writeInt(0);
        header.write(out);
        type.write(out, body);
        int len = out.position();
        if (len > Limits.MAX_FRAME) {
            throw ProtocolException.of("%s: frame of %d bytes exceeds the limit of %d bytes", header, len,
                    Limits.MAX_FRAME);
        }
        out.patchInt(0, len);
        return out.toByteArray();
    }

    public static <A> byte[] call(Procedure<A, ?> p, int serial, A args) {
        return encode(p.callHeader(serial), p.args(), args);
    }

    public static <R> byte[] reply(Procedure<?, R> p, int serial, R result) {
        return encode(p.replyHeader(serial, MessageStatus.OK), p.result(), result);
    }

    public static <A> byte[] message(Procedure<A, ?> p, int serial, A body) {
        return encode(p.messageHeader(serial), p.args(), body);
    }
}
