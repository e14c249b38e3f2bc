package org.jvirt.protocol.xdr;

/**
 * How one type travels in XDR: both directions, so a client and a server share it. Instances
 * come from {@link Xdr} (primitives, optional, arrays) and {@link RecordXdr} (Java records).
 */
public interface XdrType<T> {
    void write(XdrWriter out, T value);

    T read(XdrReader in);

    /** The fewest bytes one value takes (bounds an array's count by the bytes that are left). */
    default int minSize() {
        return 4;
    }
}
