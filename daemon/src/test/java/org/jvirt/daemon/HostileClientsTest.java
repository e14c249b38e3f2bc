package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.protocol.Frame;
import org.jvirt.protocol.MessageStatus;
import org.jvirt.protocol.MessageType;
import org.jvirt.protocol.remote.Features;
import org.jvirt.protocol.remote.Keepalive;
import org.jvirt.protocol.remote.RemoteError;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * Clients that break the protocol or the limits: each gets an error reply or is dropped, and the
 * daemon keeps serving everyone else with its state intact.
 */
class HostileClientsTest {
    private static final int REMOTE = RemoteProgram.PROGRAM.number();
    private static final int CONNECT_OPEN = RemoteProgram.CONNECT_OPEN.number();

    @TempDir
    Path dir;
    private DaemonHarness daemon;

    private DaemonHarness start(String conf) throws IOException {
        daemon = new DaemonHarness(dir, conf);
        return daemon;
    }

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** A well-behaved client still gets its answers. */
    private void othersAreServed() throws IOException {
        try (RawClient c = new RawClient(daemon.rw()).open("test:///default")) {
            c.send(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, "test");
            Frame f = c.reply(5000);
            assertThat(f.header().status()).isEqualTo(MessageStatus.OK);
            assertThat(f.decode(RemoteProgram.DOMAIN_LOOKUP_BY_NAME.result()).name()).isEqualTo("test");
        }
        assertThat(daemon.driver().lookupByName("test").isActive()).isTrue();
    }

    @Test
    void anOversizeFrameIsAnsweredWithTheLimitAndSkippedUnstored() throws IOException {
        start("max_frame_bytes = 65536\n");
        try (RawClient c = new RawClient(daemon.rw())) {
            c.write(RawClient.frame(REMOTE, 1, CONNECT_OPEN, MessageType.CALL, 7, new byte[1 << 20]));
            Frame f = c.reply(5000);
            assertThat(f.header().serial()).isEqualTo(7);
            assertThat(RawClient.error(f).message()).hasValue(
                    "frame of 1048604 bytes exceeds the limit of 65536 bytes (max_frame_bytes in jvirtd.conf)");
            // the same connection carries on
            c.open("test:///default");
        }
        othersAreServed();
    }

    @Test
    void aTruncatedFrameThenHangUpDropsOnlyThatClient() throws IOException, InterruptedException {
        start("");
        RawClient c = new RawClient(daemon.rw());
        byte[] whole = RawClient.frame(REMOTE, 1, CONNECT_OPEN, MessageType.CALL, 1, new byte[64]);
        c.write(java.util.Arrays.copyOf(whole, 40));
        c.close();
        othersAreServed();
        awaitSessions(0);
    }

    @Test
    void aFrameShorterThanItsHeaderEndsTheConnection() throws IOException {
        start("");
        try (RawClient c = new RawClient(daemon.rw())) {
            c.write(new byte[] {0, 0, 0, 8, 0, 0, 0, 0});
            assertThat(c.closedWithin(5000)).isTrue();
        }
        othersAreServed();
    }

    @Test
    void wrongProgramsAndVersionsAndProceduresGetLibvirtsErrors() throws IOException {
        start("");
        try (RawClient c = new RawClient(daemon.rw())) {
            c.write(RawClient.frame(0x12345, 1, 1, MessageType.CALL, 1, new byte[0]));
            RemoteError e = RawClient.error(c.reply(5000));
            assertThat(e.code()).isEqualTo(39);
            assertThat(e.message()).hasValue("Cannot find program 74565 version 1");
            c.write(RawClient.frame(REMOTE, 7, 1, MessageType.CALL, 2, new byte[0]));
            assertThat(RawClient.error(c.reply(5000)).message()).hasValue("Cannot find program 536903814 version 7");
            c.open("test:///default");
            c.write(RawClient.frame(REMOTE, 1, 9999, MessageType.CALL, 3, new byte[0]));
            e = RawClient.error(c.reply(5000));
            assertThat(e.code()).isEqualTo(39);
            assertThat(e.message()).hasValue("unknown procedure: 9999");
            // one of libvirt's procedures that jvirt does not have (64: domain block stats): NO_SUPPORT
            c.write(RawClient.frame(REMOTE, 1, 64, MessageType.CALL, 4, new byte[0]));
            e = RawClient.error(c.reply(5000));
            assertThat(e.code()).isEqualTo(3);
            assertThat(e.message().orElseThrow()).startsWith("this function is not supported by the connection driver");
        }
        othersAreServed();
    }

    @Test
    void garbageArgumentsAreAnErrorNotAnEnd() throws IOException {
        start("");
        try (RawClient c = new RawClient(daemon.rw())) {
            c.write(RawClient.frame(REMOTE, 1, RemoteProgram.DOMAIN_LOOKUP_BY_NAME.number(), MessageType.CALL, 1,
                    new byte[0]));
            assertThat(RawClient.error(c.reply(5000)).message()).hasValue("internal error: hypervisor connection not open");
            c.write(RawClient.frame(REMOTE, 1, CONNECT_OPEN, MessageType.CALL, 2, new byte[] {-1, -1, -1, -1, 0, 0, 0,
                0}));
            RemoteError e = RawClient.error(c.reply(5000));
            assertThat(e.message().orElseThrow()).startsWith("Unable to decode message payload");
            c.open("test:///default");
            c.write(RawClient.frame(REMOTE, 1, RemoteProgram.DOMAIN_LOOKUP_BY_NAME.number(), MessageType.CALL, 3,
                    new byte[] {0x7f, 0, 0, 0}));
            assertThat(RawClient.error(c.reply(5000)).message().orElseThrow()).startsWith("Unable to decode");
        }
        othersAreServed();
    }

    @Test
    void aClientThatStopsReadingIsCutOffAtItsQueueBound() throws Exception {
        start("max_queued_bytes = 1048576\n");
        RawClient c = new RawClient(daemon.rw()).open("test:///default");
        // capabilities replies, never read: the socket buffers fill, then the daemon's queue
        byte[] call = org.jvirt.protocol.Frames.call(RemoteProgram.CONNECT_GET_CAPABILITIES, 9, null);
        byte[] many = new byte[call.length * 200];
        for (int i = 0; i < 200; i++) {
            System.arraycopy(call, 0, many, i * call.length, call.length);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (daemon.server.sessions().size() == 1 && System.currentTimeMillis() < deadline) {
            c.ch.configureBlocking(false);
            c.ch.write(java.nio.ByteBuffer.wrap(many));
            daemon.server.sessions().forEach(s -> assertThat(s.peer().queuedBytes()).isLessThanOrEqualTo(2L << 20));
            Thread.sleep(20);
        }
        assertThat(daemon.server.sessions()).as("the client that does not read was dropped").isEmpty();
        c.close();
        othersAreServed();
    }

    @Test
    void aThousandIdleConnectionsAndTheDaemonStillAnswers() throws IOException, InterruptedException {
        start("");
        List<RawClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                idle.add(new RawClient(daemon.rw()));
            }
            awaitSessions(1000);
            long t0 = System.nanoTime();
            othersAreServed();
            assertThat((System.nanoTime() - t0) / 1_000_000).as("ms for a new client's calls").isLessThan(5000);
        } finally {
            for (RawClient c : idle) {
                c.close();
            }
        }
        awaitSessions(0);
    }

    @Test
    void aClientGoneMidCallLeavesConsistentState() throws IOException, InterruptedException {
        start("");
        String xml = "<domain type='test'><name>jvd-gone</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os></domain>";
        RawClient c = new RawClient(daemon.rw()).open("test:///default");
        c.send(RemoteProgram.DOMAIN_DEFINE_XML, xml);
        c.close(); // before the reply
        long deadline = System.currentTimeMillis() + 5000;
        while (daemon.driver().listDomains().size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(daemon.driver().listDomains()).extracting(d -> d.name()).containsExactlyInAnyOrder("test",
                "jvd-gone");
        daemon.driver().lookupByName("jvd-gone").undefine();
        othersAreServed();
    }

    @Test
    void maxClientsRefusesTheOneTooManyWithAClearError() throws IOException {
        start("max_clients = 3\n");
        List<RawClient> three = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                three.add(new RawClient(daemon.rw()).open("test:///default"));
            }
            try (RawClient extra = new RawClient(daemon.rw())) {
                extra.send(RemoteProgram.AUTH_LIST, null);
                assertThat(RawClient.error(extra.reply(5000)).message()).hasValue(
                        "too many clients: jvirtd serves at most 3 at once (max_clients in jvirtd.conf)");
                assertThat(extra.closedWithin(5000)).isTrue();
            }
            for (RawClient c : three) {
                c.send(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, "test");
                assertThat(c.reply(5000).header().status()).isEqualTo(MessageStatus.OK);
            }
        } finally {
            for (RawClient c : three) {
                c.close();
            }
        }
    }

    /**
     * Beyond max_client_requests a client's calls wait, as libvirtd makes them wait (it stops
     * reading the client): none is refused, no more than the limit run at once even with idle
     * workers, and another client is served meanwhile.
     */
    @Test
    void maxClientRequestsMakesTheCallsBeyondItWaitTheirTurn() throws Exception {
        GatedHostname gate = new GatedHostname();
        daemon = new DaemonHarness(dir, "max_client_requests = 2\nmax_workers = 8\n", "test:///default",
                uri -> gate.around(JvirtBootstrap.connectionFactory().open(uri, ConnectOptions.DEFAULT.directly())));
        try (RawClient c = new RawClient(daemon.rw()).open("test:///default")) {
            int calls = 12;
            byte[] call = org.jvirt.protocol.Frames.call(RemoteProgram.CONNECT_GET_HOSTNAME, 50, null);
            byte[] burst = new byte[call.length * calls];
            for (int i = 0; i < calls; i++) {
                System.arraycopy(call, 0, burst, i * call.length, call.length);
            }
            c.write(burst);
            gate.awaitRunning(2);
            // the other calls wait: no reply (no error either), no third call started, six workers idle
            assertThat(c.read(500)).isEmpty();
            assertThat(gate.running()).isEqualTo(2);
            othersAreServed();
            gate.open();
            for (int i = 0; i < calls; i++) {
                Frame f = c.reply(10_000);
                assertThat(f.header().status()).as("reply %d", i).isEqualTo(MessageStatus.OK);
                assertThat(f.decode(RemoteProgram.CONNECT_GET_HOSTNAME.result())).isNotEmpty();
            }
            assertThat(gate.mostAtOnce()).isEqualTo(2);
            assertThat(gate.calls()).isEqualTo(calls);
            // the client is read again once its calls are done
            c.send(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, "test");
            assertThat(c.reply(5000).header().status()).isEqualTo(MessageStatus.OK);
        }
        othersAreServed();
    }

    @Test
    void keepaliveDropsAClientThatNeverAnswersAndKeepsOneThatDoes() throws IOException, InterruptedException {
        start("keepalive_interval = 1\nkeepalive_count = 2\n");
        try (RawClient silent = new RawClient(daemon.rw()); RawClient alive = new RawClient(daemon.rw())) {
            for (RawClient c : List.of(silent, alive)) {
                c.send(RemoteProgram.CONNECT_SUPPORTS_FEATURE, Features.KEEPALIVE);
                assertThat(c.reply(5000).decode(RemoteProgram.CONNECT_SUPPORTS_FEATURE.result())).isEqualTo(1);
            }
            long deadline = System.currentTimeMillis() + 8000;
            int pings = 0;
            while (System.currentTimeMillis() < deadline) {
                Optional<Frame> f = alive.read(200);
                if (f.isPresent() && f.get().header().program() == Keepalive.PROGRAM.number()) {
                    pings++;
                    alive.write(org.jvirt.protocol.Frames.message(Keepalive.PONG, 0, null));
                }
            }
            assertThat(pings).isGreaterThanOrEqualTo(2);
            assertThat(silent.closedWithin(1000)).as("the silent client was dropped").isTrue();
            alive.send(RemoteProgram.AUTH_LIST, null);
            assertThat(alive.reply(5000).header().status()).isEqualTo(MessageStatus.OK);
        }
    }

    @Test
    void aUserNotInRwUsersIsToldSoAndTheReadOnlySocketServesHim() throws Exception {
        Tools.requireRoot();
        Path virsh = Tools.virsh();
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString(
                "rwxr-xr-x"));
        start("unix_sock_rw_perms = \"0777\"\nrw_users = [ \"alice\" ]\n");
        List<String> asNobody = List.of("runuser", "-u", "nobody", "--", virsh.toString(), "-c");
        Tools.Result rw = Tools.run(concat(asNobody, "test+unix:///default?socket=" + daemon.rw(), "list"), "",
                java.util.Map.of(), 30);
        assertThat(rw.status()).isNotZero();
        assertThat(rw.err()).contains("access denied: unix 'nobody'", "rw_users/ro_users in jvirtd.conf");
        Tools.Result ro = Tools.run(concat(asNobody, "test+unix:///default?socket=" + daemon.ro(), "list"), "",
                java.util.Map.of(), 30);
        assertThat(ro.out()).contains(" 1    test   running");
        assertThat(daemon.server.unixAccessFor(Optional.of("alice"), false))
                .isEqualTo(org.jvirt.daemon.net.Access.READ_WRITE);
        othersAreServed();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private void awaitSessions(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (daemon.server.sessions().size() != n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(daemon.server.sessions()).hasSize(n);
    }

}
