package org.jvirt.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.protocol.Frame;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteMessages;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.spi.Environment;

/**
 * What a one-shot command costs on the wire (docs/remote.md): opening sends the keepalive
 * question and CONNECT_OPEN together once authenticated, and a lookup by name is one call (the
 * handle needs no state), so {@code jvirsh setvcpus D 4 --live} is AUTH_LIST, then the two, then
 * LOOKUP_BY_NAME, SET_VCPUS_FLAGS and CLOSE.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallsPerOperationTest {
    private static final DomainRef DOM = new DomainRef("d1", UUID.fromString("7c4b1d0e-1f4a-4c61-9a53-2a0f0c1e9b10"), 3);

    private static Connection open(FakeServer server) {
        return server.open(RemoteSettings.defaults(Environment.of(Map.of())).withOpenTimeout(30));
    }

    /** Answers the lookups with {@link #DOM} (running, persistent) and a vCPU change with nothing. */
    private static void answer(Frame call, FakeServer.Peer peer) throws Exception {
        int proc = call.header().procedure();
        int serial = call.header().serial();
        if (proc == RemoteProgram.DOMAIN_LOOKUP_BY_NAME.number()) {
            peer.reply(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, serial, DOM);
        } else if (proc == RemoteProgram.DOMAIN_LOOKUP_BY_UUID.number()) {
            peer.reply(RemoteProgram.DOMAIN_LOOKUP_BY_UUID, serial, DOM);
        } else if (proc == RemoteProgram.DOMAIN_LOOKUP_BY_ID.number()) {
            peer.reply(RemoteProgram.DOMAIN_LOOKUP_BY_ID, serial, DOM);
        } else if (proc == RemoteProgram.DOMAIN_GET_STATE.number()) {
            peer.reply(RemoteProgram.DOMAIN_GET_STATE, serial, new RemoteMessages.StateResult(1, 1));
        } else if (proc == RemoteProgram.DOMAIN_IS_PERSISTENT.number()) {
            peer.reply(RemoteProgram.DOMAIN_IS_PERSISTENT, serial, 1);
        } else if (proc == RemoteProgram.DOMAIN_SET_VCPUS_FLAGS.number()) {
            peer.reply(RemoteProgram.DOMAIN_SET_VCPUS_FLAGS, serial, null);
        }
    }

    @Test
    void theOpenSendsTheKeepaliveQuestionAndTheOpenWithoutWaitingBetween() throws Exception {
        // the server answers the keepalive question only once CONNECT_OPEN is there too: a client
        // that waited for that answer before opening would show it before the open in the log
        try (FakeServer server = new FakeServer(true, CallsPerOperationTest::answer).holdingFeatureUntilOpen();
             Connection c = open(server)) {
            assertThat(c.uri()).isEqualTo(server.uri());
            assertThat(server.log.subList(0, 4)).containsExactly("call AUTH_LIST", "reply AUTH_LIST",
                    "call CONNECT_SUPPORTS_FEATURE", "call CONNECT_OPEN");
            assertThat(server.log.subList(4, 6))
                    .containsExactlyInAnyOrder("reply CONNECT_SUPPORTS_FEATURE", "reply CONNECT_OPEN");
        }
    }

    @Test
    void aLookupIsOneCallAndSetVcpusAnother() throws Exception {
        try (FakeServer server = new FakeServer(true, CallsPerOperationTest::answer)) {
            try (Connection c = open(server)) {
                Domain d = c.lookupByName("d1");
                assertThat(d.name()).isEqualTo("d1");
                assertThat(d.uuid()).isEqualTo(DOM.uuid());
                d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
                assertThat(c.lookupByUuid(DOM.uuid()).name()).isEqualTo("d1");
                assertThat(c.lookupById(3).uuid()).isEqualTo(DOM.uuid());
            }
            assertThat(server.log.stream().filter(e -> e.startsWith("call ")).toList()).containsExactly(
                    "call AUTH_LIST", "call CONNECT_SUPPORTS_FEATURE", "call CONNECT_OPEN",
                    "call DOMAIN_LOOKUP_BY_NAME", "call DOMAIN_SET_VCPUS_FLAGS", "call DOMAIN_LOOKUP_BY_UUID",
                    "call DOMAIN_LOOKUP_BY_ID", "call CONNECT_CLOSE");
        }
    }
}
