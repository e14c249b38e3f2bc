package org.jvirt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteMessages;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.protocol.xdr.XdrReader;
import org.jvirt.protocol.xdr.XdrType;
import org.jvirt.protocol.xdr.XdrWriter;

/** What a hostile or broken peer can send: each is a clear ProtocolException, nothing else. */
class HostileInputTest {
    private static byte[] frameOf(int length, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(4 + rest.length);
        b.putInt(length).put(rest);
        return b.array();
    }

    @Test
    void aFrameLongerThanTheLimitFailsOnItsLengthWord() {
        FrameDecoder d = new FrameDecoder();
        assertThatThrownBy(() -> d.feed(ByteBuffer.wrap(frameOf(Limits.MAX_FRAME + 1, new byte[0])), f -> { }))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("frame of 33554433 bytes exceeds the limit of 33554432 bytes");
        assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(frameOf(-1, new byte[0])), f -> { }))
                .hasMessage("frame of 4294967295 bytes exceeds the limit of 33554432 bytes");
    }

    @Test
    void aFrameShorterThanItsHeaderFails() {
        assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(frameOf(27, new byte[0])), f -> { }))
                .hasMessage("frame of 27 bytes is shorter than its header (28 bytes)");
    }

    @Test
    void aLargeAnnouncedFrameAllocatesOnlyWhatArrives() {
        FrameDecoder d = new FrameDecoder();
        d.feed(ByteBuffer.wrap(frameOf(Limits.MAX_FRAME, new byte[100])), f -> { });
        assertThat(d.pending()).isEqualTo("104 of the 33554432 bytes of a frame");
        assertThat(d.idle()).isFalse();
    }

    @Test
    void framesCutAnywhereComeOutWhole() {
        byte[] a = Frames.call(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, 1, "web");
        byte[] b = Frames.reply(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, 1,
                new DomainRef("web", java.util.UUID.randomUUID(), 3));
        byte[] both = ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
        for (int step = 1; step <= both.length; step++) {
            FrameDecoder d = new FrameDecoder();
            List<Frame> out = new ArrayList<>();
            for (int i = 0; i < both.length; i += step) {
                d.feed(ByteBuffer.wrap(both, i, Math.min(step, both.length - i)), out::add);
            }
            assertThat(out).hasSize(2);
            assertThat(out.get(0).decode(RemoteProgram.DOMAIN_LOOKUP_BY_NAME.args())).isEqualTo("web");
            assertThat(d.idle()).isTrue();
        }
    }

    @Test
    void aStringLongerThanTheFrameFailsBeforeAllocating() {
        byte[] body = new XdrWriter().writeInt(Limits.MAX_STRING).writeInt(0).toByteArray();
        assertThatThrownBy(() -> new XdrReader(body).readString(Limits.MAX_STRING))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("truncated message: string length of 4194304 does not fit in the 4 bytes left");
        byte[] over = new XdrWriter().writeInt(Limits.MAX_STRING + 1).toByteArray();
        assertThatThrownBy(() -> new XdrReader(over).readString(Limits.MAX_STRING))
                .hasMessage("string length of 4194305 exceeds the limit of 4194304");
    }

    @Test
    void anArrayCountBeyondItsBoundOrTheBytesLeftFails() {
        XdrType<RemoteMessages.ListAllResult> type = RemoteProgram.CONNECT_LIST_ALL_DOMAINS.result();
        byte[] tooMany = new XdrWriter().writeInt(Limits.MAX_DOMAIN_LIST + 1).toByteArray();
        assertThatThrownBy(() -> type.read(new XdrReader(tooMany)))
                .hasMessage("array length of 16385 exceeds the limit of 16384");
        byte[] short1 = new XdrWriter().writeInt(1000).writeInt(0).toByteArray();
        assertThatThrownBy(() -> type.read(new XdrReader(short1)))
                .hasMessageStartingWith("truncated message: array length of 1000 does not fit");
    }

    @Test
    void trailingBytesAndUnknownHeaderWordsFail() {
        byte[] call = Frames.call(RemoteProgram.CONNECT_SUPPORTS_FEATURE, 1, 10);
        List<Frame> frames = new ArrayList<>();
        new FrameDecoder().feed(ByteBuffer.wrap(call), frames::add);
        assertThatThrownBy(() -> frames.get(0).decode(org.jvirt.protocol.xdr.Xdr.VOID))
                .hasMessageStartingWith("4 unexpected bytes after the body of program 0x20008086 v1 proc 60 CALL");
        byte[] badType = call.clone();
        badType[4 + 15] = 9;
        assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(badType), f -> { }))
                .hasMessage("unknown message type 9");
    }

    @Test
    void aDecoderThatFailedStaysFailed() {
        FrameDecoder d = new FrameDecoder();
        assertThatThrownBy(() -> d.feed(ByteBuffer.wrap(frameOf(3, new byte[0])), f -> { }));
        byte[] good = Frames.call(RemoteProgram.CONNECT_CLOSE, 1, null);
        assertThatThrownBy(() -> d.feed(ByteBuffer.wrap(good), f -> { })).isInstanceOf(ProtocolException.class);
    }

    /** Random bytes in every body type: a value or a ProtocolException, never another exception. */
    @Test
    void garbageNeverEscapesAsAnythingButAProtocolException() {
        Random random = new Random(4242);
        int decoded = 0;
        for (Procedure<?, ?> p : RemoteProgram.TABLE.all()) {
            for (int i = 0; i < 300; i++) {
                byte[] junk = new byte[random.nextInt(64)];
                random.nextBytes(junk);
                if (random.nextBoolean() && junk.length >= 4) {
                    junk[0] = 0;
                    junk[1] = 0;
                    junk[2] = 0;
                    junk[3] = (byte) random.nextInt(3);
                }
                for (XdrType<?> t : List.of(p.args(), p.result(), RemoteProgram.ERROR)) {
                    try {
                        XdrReader in = new XdrReader(junk);
                        t.read(in);
                        decoded++;
                    } catch (ProtocolException expected) {
                        assertThat(expected.getMessage()).isNotBlank();
                    }
                }
            }
        }
        assertThat(decoded).isPositive();
    }
}
