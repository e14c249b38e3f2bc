package org.jvirt.protocol;

import java.util.Objects;

import org.jvirt.protocol.xdr.XdrReader;
import org.jvirt.protocol.xdr.XdrType;

/** One received frame: its header and its undecoded body. */
public record Frame(Header header, byte[] data, int bodyOffset, int bodyLength) {
    public Frame {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(data, "data");
    }

    public XdrReader body() {
        return new XdrReader(data, bodyOffset, bodyLength);
    }

    /** The body as {@code type}; every byte must belong to it. */
    public <T> T decode(XdrType<T> type) {
        XdrReader in = body();
        T value = type.read(in);
        if (in.remaining() != 0) { // the message is built only when it is needed: this runs for every frame
            in.expectEnd("the body of " + header);
        }
        return value;
    }
}
