package org.jvirt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteError;
import org.jvirt.protocol.remote.RemoteMessages;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.protocol.xdr.XdrType;

/**
 * Frames we recorded between virsh and libvirtd 9.0 (test driver): each decodes with the table's
 * type for its procedure, with no byte left over, and encodes back to the same bytes.
 */
class GoldenFramesTest {
    private static final UUID TEST_UUID = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
    /** Procedures virsh used that jvirt does not (autostart, OS type, security labels, ...). */
    private static final Set<Integer> NOT_IN_TABLE = Set.of(15, 19, 121, 122, 183, 426);

    record Recorded(String direction, Frame frame, byte[] bytes) {
    }

    static List<Recorded> frames() throws IOException {
        List<Recorded> out = new ArrayList<>();
        try (InputStream in = GoldenFramesTest.class.getResourceAsStream("/golden/libvirt-9.0-test-driver.frames")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                byte[] bytes = HexFormat.of().parseHex(f[5]);
                List<Frame> frames = new ArrayList<>();
                new FrameDecoder().feed(ByteBuffer.wrap(bytes), frames::add);
                assertThat(frames).hasSize(1);
                out.add(new Recorded(f[0], frames.get(0), bytes));
            }
        }
        return out;
    }

    @Test
    void everyRecordedFrameDecodesAndEncodesBackToTheSameBytes() throws IOException {
        int checked = 0;
        for (Recorded r : frames()) {
            Header h = r.frame().header();
            if (NOT_IN_TABLE.contains(h.procedure())) {
                continue;
            }
            Procedure<?, ?> p = RemoteProgram.TABLE.find(h.procedure()).orElseThrow(
                    () -> new AssertionError("procedure " + h.procedure() + " missing from the table"));
            XdrType<?> type = switch (h.type()) {
                case CALL, MESSAGE -> p.args();
                case REPLY -> h.status() == MessageStatus.ERROR ? RemoteProgram.ERROR : p.result();
                default -> throw new AssertionError(h.type());
            };
            assertThat(reencode(h, type, r.frame())).as("%s %s", r.direction(), h).isEqualTo(r.bytes());
            checked++;
        }
        assertThat(checked).isGreaterThan(30);
    }

    private static <T> byte[] reencode(Header h, XdrType<T> type, Frame frame) {
        return Frames.encode(h, type, frame.decode(type));
    }

    @Test
    void recordedValuesReadAsVirshShowedThem() throws IOException {
        List<Recorded> frames = frames();
        DomainRef test = reply(frames, 23, MessageStatus.OK).decode(RemoteProgram.DOMAIN_LOOKUP_BY_NAME.result());
        assertThat(test).isEqualTo(new DomainRef("test", TEST_UUID, 1));

        RemoteMessages.NodeInfo node = reply(frames, 6, MessageStatus.OK).decode(RemoteProgram.NODE_GET_INFO.result());
        assertThat(node).isEqualTo(new RemoteMessages.NodeInfo("i686", 3145728, 16, 1400, 2, 2, 2, 2));

        RemoteMessages.DomainInfo info = reply(frames, 16, MessageStatus.OK).decode(RemoteProgram.DOMAIN_GET_INFO.result());
        assertThat(info.maxMem()).isEqualTo(8388608);
        assertThat(info.memory()).isEqualTo(2097152);
        assertThat(info.nrVirtCpu()).isEqualTo(2);

        RemoteError notFound = reply(frames, 23, MessageStatus.ERROR).decode(RemoteProgram.ERROR);
        assertThat(notFound.code()).isEqualTo(42);
        assertThat(notFound.message()).contains("Domain not found");

        RemoteMessages.CpuMaps pins = reply(frames, 230, MessageStatus.OK)
                .decode(RemoteProgram.DOMAIN_GET_VCPU_PIN_INFO.result());
        assertThat(pins.count()).isEqualTo(2);
        assertThat(pins.cpumaps()).containsExactly(0xff, 0xff);

        RemoteMessages.LifecycleEvent event = frames.stream().map(Recorded::frame)
                .filter(f -> f.header().procedure() == 318).findFirst().orElseThrow()
                .decode(RemoteProgram.DOMAIN_EVENT_CALLBACK_LIFECYCLE.args());
        assertThat(event.dom().name()).isEqualTo("obsdom");
        assertThat(event.event()).isZero(); // defined

        RemoteMessages.TunableEvent tunable = frames.stream().map(Recorded::frame)
                .filter(f -> f.header().procedure() == 346).findFirst().orElseThrow()
                .decode(RemoteProgram.DOMAIN_EVENT_CALLBACK_TUNABLE.args());
        assertThat(tunable.params()).containsExactly(new org.jvirt.protocol.remote.TypedParam("cputune.vcpupin1",
                new org.jvirt.protocol.remote.TypedParam.StringValue("0")));
    }

    private static Frame reply(List<Recorded> frames, int procedure, MessageStatus status) {
        return frames.stream().map(Recorded::frame)
                .filter(f -> f.header().procedure() == procedure && f.header().type() == MessageType.REPLY
                        && f.header().status() == status)
                .findFirst().orElseThrow();
    }
}
