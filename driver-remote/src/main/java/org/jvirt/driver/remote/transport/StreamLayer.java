package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * What a socket's bytes pass through between the wire and the frame stream: TLS records
 * ({@link TlsLayer}) or SASL's security layer ({@link SaslLayer}). Wrapping happens under the
 * transport's write lock, unwrapping on the one thread reading the socket at a time.
 */
public interface StreamLayer {
    /** Where a record the layer makes by itself goes (a TLS reply to a key update). */
    @FunctionalInterface
    interface RecordSink {
        void send(ByteBuffer record) throws IOException;
    }

    /** Turns outgoing plaintext (whole frames) into what goes on the wire. */
    ByteBuffer wrap(ByteBuffer plain) throws IOException;

    /**
     * Turns bytes from the wire into plaintext for {@code plain} (which may be called several
     * times, or not at all while a record is incomplete); false once the peer has ended the layer.
     */
    boolean unwrap(ByteBuffer net, Consumer<ByteBuffer> plain, RecordSink own) throws IOException;

    /** Delivers plaintext that arrived before the transport started (TLS: with the handshake). */
    default void drainEarly(Consumer<ByteBuffer> plain) throws IOException {
    }

    /** Releases what the layer holds (keys); the transport is closed. */
    default void dispose() {
    }
}
