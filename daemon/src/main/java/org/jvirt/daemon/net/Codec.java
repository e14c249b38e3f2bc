package org.jvirt.daemon.net;

import java.io.IOException;
import java.nio.ByteBuffer;

/** What a peer's bytes pass through between the socket and the frames: nothing, or TLS. */
interface Codec {
    /** The bytes as they are. */
    Codec PLAIN = new Codec() {
        @Override
        public ByteBuffer decode(ByteBuffer net) {
            return net;
        }

        @Override
        public ByteBuffer encode(byte[] frame) {
            return ByteBuffer.wrap(frame);
        }
    };

    /** Socket bytes in, application bytes out (possibly none yet). */
    ByteBuffer decode(ByteBuffer net) throws IOException;

    /** A frame out, socket bytes to write. */
    ByteBuffer encode(byte[] frame) throws IOException;
}
