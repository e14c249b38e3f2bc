package org.jvirt.protocol.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import org.jvirt.protocol.ProtocolException;

/** Writes XDR (RFC 4506) into a growing array. */
public final class XdrWriter {
    private byte[] buf;
    private int pos;

    public XdrWriter(int capacity) {
        this.buf = new byte[Math.max(16, capacity)];
    }

    public XdrWriter() {
        this(256);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public int position() {
        return pos;
    }

    public XdrWriter writeInt(int v) {
        ensure(4);
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
        pos += 4;
        return this;
    }

    /** Overwrites the int at {@code at} (a length written before what it counts). */
    public void patchInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    public XdrWriter writeHyper(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public XdrWriter writeBool(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    public XdrWriter writeOpaque(byte[] data, int max) {
        checkLength(data.length, max, "opaque data");
        writeInt(data.length);
        return writeFixedOpaque(data);
    }

    public XdrWriter writeFixedOpaque(byte[] data) {
        int p = XdrReader.padded(data.length);
        ensure(p);
        System.arraycopy(data, 0, buf, pos, data.length);
        Arrays.fill(buf, pos + data.length, pos + p, (byte) 0);
        pos += p;
        return this;
    }

    public XdrWriter writeString(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        checkLength(b.length, max, "string");
        writeInt(b.length);
        return writeFixedOpaque(b);
    }

    public XdrWriter writeUuid(UUID u) {
        ensure(16);
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            buf[pos + i] = (byte) (hi >>> (56 - 8 * i));
            buf[pos + 8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        pos += 16;
        return this;
    }

    static void checkLength(long n, int max, String what) {
        if (n > max) {
            throw ProtocolException.of("%s of %d exceeds the limit of %d", what, n, max);
        }
    }

    /** What was written, as a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** What was written, without a copy (valid until the next write). */
    public ByteBuffer asBuffer() {
        return ByteBuffer.wrap(buf, 0, pos);
    }
}
