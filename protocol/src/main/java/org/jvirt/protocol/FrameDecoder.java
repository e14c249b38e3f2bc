package org.jvirt.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jvirt.protocol.xdr.XdrReader;

/**
 * Cuts a byte stream into frames. Bytes come in whatever pieces the transport delivers; a frame
 * is handed on once complete. The length word is checked against {@link Limits} before anything
 * is allocated, and the buffer grows with the bytes that actually arrive (a hostile length of
 * 32 MiB costs nothing until 32 MiB are sent). After an error the decoder stays failed.
 */
public final class FrameDecoder {
    /** Receives each complete frame. */
    @FunctionalInterface
    public interface Sink {
        void frame(Frame frame);
    }

    private static final int INITIAL = 512;

    private final int maxFrame;
    private int length = -1;
    private int lengthBytes;
    private int lengthWord;
    private byte[] buf;
    private int fill;
    private ProtocolException failed;

    public FrameDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    public FrameDecoder() {
        this(Limits.MAX_FRAME);
    }

    /** Consumes all of {@code in}, handing every completed frame to {@code sink}. */
    public void feed(ByteBuffer in, Sink sink) {
        if (failed != null) {
            throw failed;
        }
        try {
            while (in.hasRemaining()) {
                if (length < 0) {
                    lengthWord = (lengthWord << 8) | (in.get() & 0xff);
                    if (++lengthBytes == 4) {
                        startFrame(lengthWord, in.remaining());
                    }
                    continue;
                }
                int want = length - 4 - fill;
                int n = Math.min(want, in.remaining());
                if (fill + n > buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min((long) length - 4, Math.max((long) buf.length * 2, fill + n)));
                }
                in.get(buf, fill, n);
                fill += n;
                if (fill == length - 4) {
                    Frame f = complete();
                    sink.frame(f);
                }
            }
        } catch (ProtocolException e) {
            failed = e;
            throw e;
        }
    }

    /** True between frames: a stream that ends now ends cleanly. */
    public boolean idle() {
        return length < 0 && lengthBytes == 0;
    }

    /** What a stream that ends now left unfinished, for the error message. */
    public String pending() {
        if (idle()) {
            return "nothing";
        }
        if (length < 0) {
            return lengthBytes + " of the 4 length bytes";
        }
        return String.format("%d of the %d bytes of a frame", fill + 4, length);
    }

    /** {@code arrived}: bytes already at hand, so a frame that has fully arrived is stored in one allocation. */
    private void startFrame(int len, int arrived) {
        long l = len & 0xffffffffL;
        if (l > maxFrame) {
            throw ProtocolException.of("frame of %d bytes exceeds the limit of %d bytes", l, maxFrame);
        }
        if (l < Limits.MIN_FRAME) {
            throw ProtocolException.of("frame of %d bytes is shorter than its header (%d bytes)", l, Limits.MIN_FRAME);
        }
        length = (int) l;
        buf = new byte[Math.min(length - 4, Math.max(INITIAL, arrived))];
        fill = 0;
    }

    private Frame complete() {
        byte[] data = buf.length == fill ? buf : Arrays.copyOf(buf, fill);
        Header header = Header.read(new XdrReader(data, 0, Header.SIZE));
        length = -1;
        lengthBytes = 0;
        lengthWord = 0;
        buf = null;
        fill = 0;
        return new Frame(header, data, Header.SIZE, data.length - Header.SIZE);
    }
}
