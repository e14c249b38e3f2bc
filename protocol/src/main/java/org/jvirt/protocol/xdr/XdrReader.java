package org.jvirt.protocol.xdr;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jvirt.protocol.ProtocolException;

/**
 * Reads XDR (RFC 4506) from a byte range that holds one whole message body. Every length is
 * checked against its limit and against the bytes that are left before anything is allocated,
 * so a hostile length fails at once instead of allocating or waiting.
 */
public final class XdrReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public XdrReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public XdrReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n, String what) {
        if (n > end - pos) {
            throw ProtocolException.of("truncated message: %s needs %d bytes, %d left", what, n, end - pos);
        }
    }

    public int readInt() {
        need(4, "an int");
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long readHyper() {
        long hi = readInt() & 0xffffffffL;
        long lo = readInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    public boolean readBool() {
        int v = readInt();
        if (v != 0 && v != 1) {
            throw ProtocolException.of("bad boolean %d (0 or 1 expected)", v);
        }
        return v == 1;
    }

    /** A length word, checked against {@code max} and against what is left ({@code unit} bytes each). */
    public int readLength(int max, int unit, String what) {
        int n = readInt();
        if (n < 0 || n > max) {
            throw ProtocolException.of("%s of %d exceeds the limit of %d", what, n & 0xffffffffL, max);
        }
        if ((long) n * unit > remaining()) {
            throw ProtocolException.of("truncated message: %s of %d does not fit in the %d bytes left", what, n,
                    remaining());
        }
        return n;
    }

    public byte[] readOpaque(int max) {
        int n = readLength(max, 1, "opaque data length");
        byte[] out = readFixedOpaque(n);
        return out;
    }

    public byte[] readFixedOpaque(int n) {
        need(padded(n), "opaque data");
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += padded(n);
        return out;
    }

    public String readString(int max) {
        int n = readLength(max, 1, "string length");
        need(padded(n), "a string");
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += padded(n);
        return s;
    }

    public UUID readUuid() {
        need(16, "a UUID");
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (buf[pos + i] & 0xff);
            lo = (lo << 8) | (buf[pos + 8 + i] & 0xff);
        }
        pos += 16;
        return new UUID(hi, lo);
    }

    /** Fails unless every byte was read: trailing bytes mean the two ends disagree on a type. */
    public void expectEnd(String what) {
        if (pos != end) {
            throw ProtocolException.of("%d unexpected bytes after %s", end - pos, what);
        }
    }

    static int padded(int n) {
        return (n + 3) & ~3;
    }
}
