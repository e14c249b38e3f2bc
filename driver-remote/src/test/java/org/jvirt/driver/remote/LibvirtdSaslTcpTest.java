package org.jvirt.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.driver.remote.auth.Authenticator;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

/**
 * Plain TCP to the real libvirtd of .ci/remote-peers.sh, which demands SASL with a security layer
 * there (auth_tcp = "sasl", DIGEST-MD5): jvirt negotiates auth-conf and wraps every byte. A relay
 * in between ({@link WireRecorder}) checks what is on the wire: length-prefixed chunks, none
 * larger than announced, a big domain XML spread over several of them each way, and no plaintext.
 * The transport scenario and many threads on one connection run over tcp in
 * {@link LibvirtdTransportsTest} too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LibvirtdSaslTcpTest {
    private static final String PREFIX = "jvremote-sasl-";
    private static final int LIBVIRTD_TCP = 16509;

    @TempDir
    Path tmp;
    private Peers peers;

    @BeforeEach
    @AfterEach
    void sweep() throws Exception {
        peers = Peers.require();
        Peers.sweep(PREFIX);
    }

    private static Connection open(String uri, Path authFile) {
        return Peers.open(uri, authFile, false);
    }

    @Test
    void aBigDomainXmlTravelsBothWaysInSeveralEncryptedChunks() throws Exception {
        // ~300 KB of description: more than four 64 KiB chunks each way
        String marker = "jvirt-plaintext-marker-";
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 300_000; i++) {
            text.append(marker).append(i).append(' ');
        }
        String name = PREFIX + "big";
        UUID uuid = UUID.randomUUID();
        String xml = "<domain type='test'><name>" + name + "</name><uuid>" + uuid + "</uuid><description>" + text
                + "</description><memory>524288</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>";
        try (WireRecorder relay = new WireRecorder(LIBVIRTD_TCP);
             Connection c = open("test+tcp://127.0.0.1:" + relay.port() + "/default", peers.authFile(tmp))) {
            Domain d = c.defineXml(xml);
            String back = d.xml();
            assertThat(back).contains(text.toString().strip()).contains("<uuid>" + uuid + "</uuid>");
            // and the connection goes on with small calls after the big ones
            assertThat(c.lookupByName("test").info().vcpus()).isPositive();
            d.undefine();

            WireRecorder.Wire wire = relay.wire();
            assertThat(wire.layered()).as("authentication completed with SASL on the wire").isTrue();
            assertThat(wire.toServerChunks()).allMatch(n -> n > 0 && n <= 65536);
            assertThat(wire.toClientChunks()).allMatch(n -> n > 0 && n <= Authenticator.MAX_RECEIVE);
            assertThat(wire.toServerChunks().stream().filter(n -> n > 60_000).count()).isGreaterThanOrEqualTo(4);
            assertThat(wire.toClientChunks().stream().filter(n -> n > 60_000).count()).isGreaterThanOrEqualTo(4);
            // auth-conf: the domain's text is nowhere on the wire
            assertThat(new String(wire.toServer(), StandardCharsets.ISO_8859_1)).doesNotContain(marker).doesNotContain(name);
            assertThat(new String(wire.toClient(), StandardCharsets.ISO_8859_1)).doesNotContain(marker).doesNotContain(name);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithAClearError() throws Exception {
        Path auth = tmp.resolve("bad-auth.conf");
        Files.writeString(auth, "[credentials-x]\nauthname=jvirt\npassword=wrong\n[auth-libvirt-127.0.0.1]\ncredentials=x\n");
        assertThatThrownBy(() -> open("test+tcp://127.0.0.1/default", auth)).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
                    assertThat(e.getMessage()).isEqualTo(
                            "authentication failed: SASL DIGEST-MD5 as 'jvirt' was refused: authentication failed");
                });
    }

    @Test
    void withoutCredentialsTheErrorSaysWhereToPutThem() throws Exception {
        Path empty = tmp.resolve("empty-auth.conf");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> open("test+tcp://127.0.0.1/default", empty)).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
                    assertThat(e.getMessage()).contains("SASL DIGEST-MD5 needs a user name and a password for host '127.0.0.1'")
                            .contains("auth.conf");
                });
    }
}
