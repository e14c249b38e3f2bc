package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.protocol.Frame;
import org.jvirt.protocol.Frames;
import org.jvirt.protocol.MessageStatus;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * Quick reads of a driver that answers from memory run on jvirtd's I/O thread (no hand-off to a
 * worker), and still as any call: in a slot of max_client_requests, behind the client's waiting
 * calls, each answered with its own serial, a failure an error reply to that call only.
 */
class QuickCallsTest {
    @TempDir
    Path dir;
    private DaemonHarness daemon;
    private final GatedHostname gate = new GatedHostname();

    /** A daemon serving {@code uri} with the test driver behind it, seen through {@link #gate}. */
    private void start(String uri, String conf) throws IOException {
        daemon = new DaemonHarness(dir, conf, uri, u -> gate.around(
                JvirtBootstrap.connectionFactory().open("test:///default", ConnectOptions.DEFAULT.directly())));
    }

    /** The test driver's domain "test", looked up through the daemon. */
    private static DomainRef lookup(RawClient c) throws IOException {
        c.send(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, "test");
        return c.reply(5000).decode(RemoteProgram.DOMAIN_LOOKUP_BY_NAME.result());
    }

    @AfterEach
    void stop() throws IOException {
        gate.open();
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void theTestDriversLookupsAndInfoRunOnTheIoThread() throws IOException {
        start("test:///default", "");
        try (RawClient c = new RawClient(daemon.rw()).open("test:///default")) {
            c.send(RemoteProgram.DOMAIN_GET_INFO, lookup(c));
            assertThat(c.reply(5000).header().status()).isEqualTo(MessageStatus.OK);
        }
        assertThat(gate.threadsOf("lookupByName")).containsExactly("jvirtd-io");
        assertThat(gate.threadsOf("lookupByUuid")).containsExactly("jvirtd-io");
    }

    @Test
    void anotherDriversReadsRunOnWorkers() throws IOException {
        // its reads may wait on a domain's job (a hot-plug): never on the thread every client needs
        start("qemu:///system", "");
        try (RawClient c = new RawClient(daemon.rw()).open("qemu:///system")) {
            c.send(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, "test");
            assertThat(c.reply(5000).header().status()).isEqualTo(MessageStatus.OK);
        }
        assertThat(gate.threadsOf("lookupByName")).isNotEmpty().allMatch(t -> t.startsWith("jvirtd-worker-"));
    }

    @Test
    void aQuickCallIsAnsweredWhileTheClientsSlowCallRuns() throws Exception {
        start("test:///default", "max_client_requests = 2\n");
        try (RawClient c = new RawClient(daemon.rw()).open("test:///default")) {
            int slow = c.send(RemoteProgram.CONNECT_GET_HOSTNAME, null);
            gate.awaitRunning(1);
            int quick = c.send(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, "test");
            Frame first = c.reply(5000);
            assertThat(first.header().serial()).isEqualTo(quick);
            assertThat(first.decode(RemoteProgram.DOMAIN_LOOKUP_BY_NAME.result()).name()).isEqualTo("test");
            gate.open();
            assertThat(c.reply(10_000).header().serial()).isEqualTo(slow);
        }
    }

    @Test
    void aQuickCallWaitsItsTurnBehindTheClientsCallsBeyondTheLimit() throws Exception {
        start("test:///default", "max_client_requests = 2\nmax_workers = 8\n");
        try (RawClient c = new RawClient(daemon.rw()).open("test:///default")) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            Map<Integer, String> sent = new HashMap<>();
            for (int serial = 1; serial <= 3; serial++) {
                burst.write(Frames.call(RemoteProgram.CONNECT_GET_HOSTNAME, serial, null));
                sent.put(serial, "hostname");
            }
            burst.write(Frames.call(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, 4, "test"));
            sent.put(4, "lookup");
            c.write(burst.toByteArray());
            gate.awaitRunning(2);
            // two hostnames hold both slots, the third waits: so does the lookup after it
            assertThat(c.read(500)).isEmpty();
            gate.open();
            Map<Integer, String> answered = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                Frame f = c.reply(10_000);
                assertThat(f.header().status()).isEqualTo(MessageStatus.OK);
                answered.put(f.header().serial(), sent.get(f.header().serial()));
            }
            assertThat(answered).isEqualTo(sent);
            assertThat(gate.mostAtOnce()).isEqualTo(2);
        }
    }

    @Test
    void failedQuickCallsAreErrorsToThemAloneAndFreeTheirSlots() throws Exception {
        start("test:///default", "max_client_requests = 2\n");
        try (RawClient c = new RawClient(daemon.rw()).open("test:///default")) {
            // more failures than slots, in one burst: a slot kept by a failed call would stall the rest
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int serial = 1; serial <= 6; serial++) {
                String name = serial % 2 == 0 ? "test" : "nope";
                burst.write(Frames.call(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, serial, name));
            }
            c.write(burst.toByteArray());
            java.util.Set<Integer> answered = new java.util.HashSet<>();
            for (int i = 0; i < 6; i++) {
                Frame f = c.reply(5000);
                int serial = f.header().serial();
                assertThat(answered.add(serial)).as("one reply for serial %d", serial).isTrue();
                if (serial % 2 == 0) {
                    assertThat(f.decode(RemoteProgram.DOMAIN_LOOKUP_BY_NAME.result()).name()).isEqualTo("test");
                } else {
                    assertThat(RawClient.error(f).message().orElseThrow()).contains("nope");
                }
            }
            assertThat(answered).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void aClientSendingThousandsAtOnceHoldsTheIoThreadForAFewOfThem() throws Exception {
        start("test:///default", "");
        try (RawClient c = new RawClient(daemon.rw()).open("test:///default")) {
            int calls = 1000;
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int serial = 1; serial <= calls; serial++) {
                burst.write(Frames.call(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, serial, "test"));
            }
            c.write(burst.toByteArray());
            java.util.Set<Integer> answered = new java.util.HashSet<>();
            for (int i = 0; i < calls; i++) {
                Frame f = c.reply(10_000);
                assertThat(f.header().status()).isEqualTo(MessageStatus.OK);
                answered.add(f.header().serial());
            }
            assertThat(answered).hasSize(calls);
        }
        // the calls of one read beyond the first few went to the workers
        assertThat(gate.threadsOf("lookupByName")).contains("jvirtd-io")
                .anyMatch(t -> t.startsWith("jvirtd-worker-"));
    }

    @Test
    void theRepliesOfOneReadLeaveBeforeTheyReachTheQueueBound() throws Exception {
        // 16 XML replies of one read are more than max_queued_bytes: held back until the read's end,
        // they would count as a client that does not read
        start("test:///default", "max_queued_bytes = 8192\n");
        try (RawClient c = new RawClient(daemon.rw()).open("test:///default")) {
            DomainRef ref = lookup(c);
            int calls = 16;
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int serial = 1; serial <= calls; serial++) {
                burst.write(Frames.call(RemoteProgram.DOMAIN_GET_XML_DESC, serial,
                        new org.jvirt.protocol.remote.RemoteMessages.DomainFlags(ref, 0)));
            }
            c.write(burst.toByteArray());
            long bytes = 0;
            for (int i = 0; i < calls; i++) {
                Frame f = c.reply(5000);
                String xml = f.decode(RemoteProgram.DOMAIN_GET_XML_DESC.result());
                assertThat(xml).contains("<name>test</name>");
                bytes += xml.length();
            }
            assertThat(bytes).isGreaterThan(8192);
        }
    }
}
