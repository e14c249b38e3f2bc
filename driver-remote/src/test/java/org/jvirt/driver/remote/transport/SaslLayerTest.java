package org.jvirt.driver.remote.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

import org.junit.jupiter.api.Test;

import org.jvirt.protocol.Frame;
import org.jvirt.protocol.FrameDecoder;
import org.jvirt.protocol.Frames;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteMessages.DomainFlags;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * The security layer's framing with a fake SASL client whose "wrap" is reversible and checked
 * (bytes inverted, a 3-byte seal with the sequence number and the length): pieces of at most
 * the raw send size, each behind its length word; chunks in any pieces; several frames in a
 * chunk and frames across chunks; hostile lengths refused before anything is allocated.
 */
class SaslLayerTest {
    /** wrap: inverted bytes + [sequence, length hi, length lo]; unwrap checks the seal. */
    static final class FakeSasl implements SaslClient {
        int sent;
        int received;
        boolean disposed;
        final List<Integer> wrappedSizes = new ArrayList<>();

        @Override
        public byte[] wrap(byte[] b, int off, int len) {
            byte[] out = new byte[len + 3];
            for (int i = 0; i < len; i++) {
                out[i] = (byte) ~b[off + i];
            }
            out[len] = (byte) sent++;
            out[len + 1] = (byte) (len >> 8);
            out[len + 2] = (byte) len;
            wrappedSizes.add(len);
            return out;
        }

        @Override
        public byte[] unwrap(byte[] b, int off, int len) throws SaslException {
            int n = len - 3;
            if (n < 0 || b[off + n] != (byte) received++ || ((b[off + n + 1] & 0xff) << 8 | (b[off + n + 2] & 0xff)) != (n & 0xffff)) {
                throw new SaslException("bad seal");
            }
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) ~b[off + i];
            }
            return out;
        }

        @Override
        public String getMechanismName() {
            return "FAKE";
        }

        @Override
        public boolean hasInitialResponse() {
            return false;
        }

        @Override
        public byte[] evaluateChallenge(byte[] challenge) {
            return new byte[0];
        }

        @Override
        public boolean isComplete() {
            return true;
        }

        @Override
        public Object getNegotiatedProperty(String name) {
            return null;
        }

        @Override
        public void dispose() {
            disposed = true;
        }
    }

    private final FakeSasl sasl = new FakeSasl();

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private static byte[] frame(String name) {
        return Frames.call(RemoteProgram.DOMAIN_GET_XML_DESC, 7,
                new DomainFlags(new DomainRef(name, new java.util.UUID(0, 0), -1), 0));
    }

    /** What the server would send: the frames' bytes wrapped by a second fake, in chunks of {@code piece}. */
    private static byte[] serverStream(byte[] plain, int piece) throws IOException {
        return bytes(new SaslLayer(new FakeSasl(), 65536, piece).wrap(ByteBuffer.wrap(plain)));
    }

    @Test
    void eachPieceGoesOutAsALengthWordAndTheWrappedBytes() throws IOException {
        SaslLayer layer = new SaslLayer(sasl, 65536, 1000);
        byte[] plain = new byte[2500];
        new Random(1).nextBytes(plain);
        ByteBuffer wire = layer.wrap(ByteBuffer.wrap(plain));
        assertThat(sasl.wrappedSizes).containsExactly(1000, 1000, 500);
        assertThat(wire.remaining()).isEqualTo(3 * 4 + 2500 + 3 * 3);
        assertThat(wire.getInt(0)).isEqualTo(1003);
        assertThat(wire.getInt(4 + 1003)).isEqualTo(1003);
        assertThat(wire.getInt(2 * (4 + 1003))).isEqualTo(503);
        // the other side reads back exactly the plaintext
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        new SaslLayer(new FakeSasl(), 65536, 1000).unwrap(wire, b -> back.write(b.array(), b.position(), b.remaining()), null);
        assertThat(back.toByteArray()).isEqualTo(plain);
    }

    @Test
    void chunksArrivingInAnyPiecesGiveTheSameFrames() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            // frames of varied sizes; chunks smaller and larger than a frame
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                String name = "d" + round + "-" + "x".repeat(random.nextInt(3000));
                names.add(name);
                plain.writeBytes(frame(name));
            }
            byte[] wire = serverStream(plain.toByteArray(), 1 + random.nextInt(4000));
            SaslLayer layer = new SaslLayer(new FakeSasl(), 65536, 65536);
            FrameDecoder decoder = new FrameDecoder();
            List<String> got = new ArrayList<>();
            int at = 0;
            while (at < wire.length) {
                int n = Math.min(wire.length - at, 1 + random.nextInt(random.nextBoolean() ? 7 : 9000));
                assertThat(layer.unwrap(ByteBuffer.wrap(wire, at, n), b -> decoder.feed(b, (Frame f) -> got.add(
                        f.decode(RemoteProgram.DOMAIN_GET_XML_DESC.args()).dom().name())), null)).isTrue();
                at += n;
            }
            assertThat(got).as("round %d", round).isEqualTo(names);
            assertThat(layer.pending()).isZero();
            assertThat(decoder.idle()).isTrue();
        }
    }

    @Test
    void oneChunkMayHoldSeveralFramesAndAFrameMaySpanChunks() throws IOException {
        byte[] a = frame("a");
        byte[] b = frame("b");
        byte[] c = frame("c".repeat(5000));
        byte[] all = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        // first chunk: a, b and the start of c; c spans two more chunks
        int piece = a.length + b.length + 100;
        byte[] wire = serverStream(all, piece);
        SaslLayer layer = new SaslLayer(sasl, 65536, 65536);
        FrameDecoder decoder = new FrameDecoder();
        List<Integer> sizes = new ArrayList<>();
        int first = 4 + piece + 3;
        layer.unwrap(ByteBuffer.wrap(wire, 0, first), p -> decoder.feed(p, f -> sizes.add(f.bodyLength())), null);
        assertThat(sasl.received).isEqualTo(1);
        assertThat(sizes).hasSize(2);
        assertThat(decoder.idle()).isFalse();
        layer.unwrap(ByteBuffer.wrap(wire, first, wire.length - first), p -> decoder.feed(p, f -> sizes.add(f.bodyLength())),
                null);
        assertThat(sasl.received).isEqualTo((all.length + piece - 1) / piece).isGreaterThan(10);
        assertThat(sizes).hasSize(3);
        assertThat(decoder.idle()).isTrue();
    }

    @Test
    void aChunkLongerThanAnnouncedIsRefusedBeforeItIsAllocated() {
        SaslLayer layer = new SaslLayer(sasl, 65536, 65536);
        // 2 GiB - 1: allocating it would be an OutOfMemoryError, not this message
        ByteBuffer hostile = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).flip();
        assertThatThrownBy(() -> layer.unwrap(hostile, p -> { }, null)).isInstanceOf(IOException.class)
                .hasMessage("the server sent a SASL security layer chunk of 2147483647 bytes; this client announced at most 65536");
        SaslLayer other = new SaslLayer(new FakeSasl(), 65536, 65536);
        ByteBuffer negative = ByteBuffer.allocate(4).putInt(0x80000000).flip();
        assertThatThrownBy(() -> other.unwrap(negative, p -> { }, null)).hasMessageContaining("chunk of 2147483648 bytes");
        SaslLayer justOver = new SaslLayer(new FakeSasl(), 65536, 65536);
        ByteBuffer over = ByteBuffer.allocate(4).putInt(65537).flip();
        assertThatThrownBy(() -> justOver.unwrap(over, p -> { }, null)).hasMessageContaining("chunk of 65537 bytes");
        assertThat(sasl.received).isZero();
    }

    @Test
    void aChunkThatDoesNotUnwrapEndsTheStreamWithTheReason() throws IOException {
        byte[] wire = serverStream(frame("a"), 65536);
        wire[10] ^= 1; // fine for the fake, but the seal check below fails on a changed sequence
        wire[wire.length - 3] = 9;
        SaslLayer layer = new SaslLayer(sasl, 65536, 65536);
        assertThatThrownBy(() -> layer.unwrap(ByteBuffer.wrap(wire), p -> { }, null)).isInstanceOf(IOException.class)
                .hasMessage("cannot read the server's SASL security layer: bad seal");
    }

    @Test
    void aPartialLengthWordWaitsForTheRest() throws IOException {
        byte[] wire = serverStream(frame("abc"), 65536);
        SaslLayer layer = new SaslLayer(sasl, 65536, 65536);
        List<byte[]> out = new ArrayList<>();
        layer.unwrap(ByteBuffer.wrap(wire, 0, 2), p -> out.add(bytes(p)), null);
        assertThat(layer.pending()).isEqualTo(2);
        layer.unwrap(ByteBuffer.wrap(wire, 2, wire.length - 3), p -> out.add(bytes(p)), null);
        assertThat(out).isEmpty();
        layer.unwrap(ByteBuffer.wrap(wire, wire.length - 1, 1), p -> out.add(bytes(p)), null);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isEqualTo(frame("abc"));
        assertThat(layer.pending()).isZero();
        layer.dispose();
        assertThat(sasl.disposed).isTrue();
        assertThat(Arrays.equals(out.get(0), frame("abc"))).isTrue();
    }
}
