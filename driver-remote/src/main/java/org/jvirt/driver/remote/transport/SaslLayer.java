package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/**
 * SASL's security layer (DIGEST-MD5 with qop {@code auth-int} or {@code auth-conf}) as libvirt
 * puts it on a plain TCP connection once authentication is complete: the frame stream is cut
 * into pieces of at most the negotiated raw send size, each goes on the wire as a 4-byte
 * big-endian length followed by {@link SaslClient#wrap}'s output; what comes back is the same,
 * and the unwrapped plaintext is the frame stream again (a frame may span chunks, a chunk may
 * hold several frames). A chunk longer than the receive buffer this client announced is refused
 * before anything is allocated for it; a chunk's buffer exists only while its bytes arrive.
 */
public final class SaslLayer implements StreamLayer {
    private static final int LENGTH = 4;

    private final SaslClient client;
    private final int maxReceive;
    private final int rawSendSize;
    private final ByteBuffer length = ByteBuffer.allocate(LENGTH);
    private ByteBuffer chunk;

    /**
     * {@code client} has completed authentication with a security layer; chunks from the server
     * are at most {@code maxReceive} bytes (what this client announced), pieces sent at most
     * {@code rawSendSize} bytes of plaintext (what the server's buffer allows).
     */
    public SaslLayer(SaslClient client, int maxReceive, int rawSendSize) {
        if (maxReceive <= 0 || rawSendSize <= 0) {
            throw new IllegalArgumentException("SASL buffer sizes must be positive: receive " + maxReceive
                    + ", send " + rawSendSize);
        }
        this.client = client;
        this.maxReceive = maxReceive;
        this.rawSendSize = rawSendSize;
    }

    @Override
    public ByteBuffer wrap(ByteBuffer plain) throws IOException {
        byte[] bytes;
        int offset;
        if (plain.hasArray()) {
            bytes = plain.array();
            offset = plain.arrayOffset() + plain.position();
        } else {
            bytes = new byte[plain.remaining()];
            plain.duplicate().get(bytes);
            offset = 0;
        }
        int end = offset + plain.remaining();
        List<byte[]> pieces = new ArrayList<>(1 + plain.remaining() / rawSendSize);
        int total = 0;
        synchronized (client) {
            for (int at = offset; at < end; at += rawSendSize) {
                byte[] w = client.wrap(bytes, at, Math.min(rawSendSize, end - at));
                pieces.add(w);
                total += LENGTH + w.length;
            }
        }
        plain.position(plain.limit());
        ByteBuffer out = ByteBuffer.allocate(total);
        for (byte[] w : pieces) {
            out.putInt(w.length).put(w);
        }
        return out.flip();
    }

    @Override
    public boolean unwrap(ByteBuffer net, Consumer<ByteBuffer> plain, RecordSink own) throws IOException {
        while (net.hasRemaining()) {
            if (chunk == null) {
                while (length.hasRemaining() && net.hasRemaining()) {
                    length.put(net.get());
                }
                if (length.hasRemaining()) {
                    return true;
                }
                int n = length.getInt(0);
                length.clear();
                if (n <= 0 || n > maxReceive) {
                    throw new IOException("the server sent a SASL security layer chunk of " + Integer.toUnsignedLong(n)
                            + " bytes; this client announced at most " + maxReceive);
                }
                chunk = ByteBuffer.allocate(n);
            }
            int take = Math.min(chunk.remaining(), net.remaining());
            chunk.put(net.slice(net.position(), take));
            net.position(net.position() + take);
            if (!chunk.hasRemaining()) {
                byte[] sealed = chunk.array();
                chunk = null;
                byte[] open = open(sealed);
                if (open.length > 0) {
                    plain.accept(ByteBuffer.wrap(open));
                }
            }
        }
        return true;
    }

    private byte[] open(byte[] sealed) throws IOException {
        try {
            synchronized (client) {
                return client.unwrap(sealed, 0, sealed.length);
            }
        } catch (SaslException e) {
            throw new IOException("cannot read the server's SASL security layer: " + e.getMessage(), e);
        }
    }

    /** Bytes of a chunk received so far, its length word included (for messages and tests). */
    public int pending() {
        return length.position() + (chunk == null ? 0 : LENGTH + chunk.position());
    }

    @Override
    public void dispose() {
        try {
            synchronized (client) {
                client.dispose();
            }
        } catch (SaslException e) {
            // the keys go anyway
        }
    }
}
