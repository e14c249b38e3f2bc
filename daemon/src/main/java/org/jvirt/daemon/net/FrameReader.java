package org.jvirt.daemon.net;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jvirt.protocol.Frame;
import org.jvirt.protocol.Header;
import org.jvirt.protocol.Limits;
import org.jvirt.protocol.ProtocolException;
import org.jvirt.protocol.xdr.XdrReader;

/**
 * Cuts a client's byte stream into frames, as the protocol's decoder does, except that a frame
 * longer than the limit is not an end: its header is read (so the call can be answered with an
 * error naming the limit) and the rest of its bytes are skipped as they arrive, never stored.
 * A frame too short for its header, or a header that cannot be decoded, is an end.
 */
final class FrameReader {
    /** What the reader hands on. */
    interface Sink {
        void frame(Frame frame);

        /** A frame of {@code length} bytes, over the limit, whose body is being skipped. */
        void oversize(Header header, long length);
    }

    private static final int INITIAL = 512;

    private final int maxFrame;
    private long length = -1;
    private int lengthBytes;
    private long lengthWord;
    private byte[] buf;
    private int fill;
    /** Bytes of an oversize frame still to skip. */
    private long skip;

    FrameReader(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /** Consumes all of {@code in}. */
    void feed(ByteBuffer in, Sink sink) {
        while (in.hasRemaining()) {
            if (skip > 0) {
                int n = (int) Math.min(skip, in.remaining());
                in.position(in.position() + n);
                skip -= n;
                continue;
            }
            if (length < 0) {
                lengthWord = (lengthWord << 8) | (in.get() & 0xff);
                if (++lengthBytes == 4) {
                    start(lengthWord, in.remaining());
                }
                continue;
            }
            int want = (int) (body() - fill);
            int n = Math.min(want, in.remaining());
            if (fill + n > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(body(), Math.max((long) buf.length * 2, fill + n)));
            }
            in.get(buf, fill, n);
            fill += n;
            if (fill == body()) {
                complete(sink);
            }
        }
    }

    /** Bytes stored for the frame under way: all of it, or only the header of an oversize one. */
    private long body() {
        return length > maxFrame ? Header.SIZE : length - 4;
    }

    /** True between frames. */
    boolean idle() {
        return length < 0 && lengthBytes == 0 && skip == 0;
    }

    /** {@code arrived}: bytes already at hand, so a frame that has fully arrived is stored in one allocation. */
    private void start(long len, int arrived) {
        if (len < Limits.MIN_FRAME) {
            throw ProtocolException.of("frame of %d bytes is shorter than its header (%d bytes)", len,
                    Limits.MIN_FRAME);
        }
        length = len;
        buf = new byte[(int) Math.min(body(), Math.max(INITIAL, arrived))];
        fill = 0;
    }

    private void complete(Sink sink) {
        byte[] data = buf.length == fill ? buf : Arrays.copyOf(buf, fill);
        long len = length;
        length = -1;
        lengthBytes = 0;
        lengthWord = 0;
        buf = null;
        fill = 0;
        Header header = Header.read(new XdrReader(data, 0, Header.SIZE));
        if (len > maxFrame) {
            skip = len - 4 - Header.SIZE;
            sink.oversize(header, len);
        } else {
            sink.frame(new Frame(header, data, Header.SIZE, data.length - Header.SIZE));
        }
    }
}
