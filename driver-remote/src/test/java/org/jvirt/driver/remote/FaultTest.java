package org.jvirt.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.jvirt.Connection;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.protocol.Frames;
import org.jvirt.protocol.Header;
import org.jvirt.protocol.Limits;
import org.jvirt.protocol.MessageStatus;
import org.jvirt.protocol.MessageType;
import org.jvirt.protocol.remote.RemoteError;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.protocol.xdr.Xdr;
import org.jvirt.spi.Environment;

/**
 * A server that dies, stalls, or sends what it must not: every call waiting gets one clear
 * error, the event stream ends with it, and no thread is left waiting (each test is bounded).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultTest {
    private static Connection open(FakeServer server, int keepaliveInterval, int keepaliveCount) {
        return server.open(RemoteSettings.defaults(Environment.of(Map.of()))
                .withKeepalive(keepaliveInterval, keepaliveCount).withOpenTimeout(5));
    }

    /** Collects what the event stream says, including how it ends. */
    static final class Watch implements Flow.Subscriber<DomainEvent> {
        final CompletableFuture<Throwable> error = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(DomainEvent item) {
        }

        @Override
        public void onError(Throwable t) {
            error.complete(t);
        }

        @Override
        public void onComplete() {
            error.complete(null);
        }
    }

    @Test
    void aServerKilledMidCallFailsEveryWaitingCallAndEndsTheEventStream() throws Exception {
        CountDownLatch threeWaiting = new CountDownLatch(3);
        AtomicReference<FakeServer.Peer> peer = new AtomicReference<>();
        try (FakeServer server = new FakeServer(true, (call, p) -> {
            if (call.header().procedure() == RemoteProgram.DOMAIN_LOOKUP_BY_NAME.number()) {
                peer.set(p);
                threeWaiting.countDown();
            }
        })) {
            Connection c = open(server, 5, 5);
            Watch watch = new Watch();
            c.events().subscribe(watch);
            List<CompletableFuture<Throwable>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "d" + i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        c.lookupByName(name);
                        return null;
                    } catch (VirtException e) {
                        return e;
                    }
                }));
            }
            assertThat(threeWaiting.await(10, TimeUnit.SECONDS)).isTrue();
            peer.get().hangUp();
            for (CompletableFuture<Throwable> f : calls) {
                Throwable t = f.get(10, TimeUnit.SECONDS);
                assertThat(t).isInstanceOf(VirtException.class);
                assertThat(((VirtException) t).code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
                assertThat(t.getMessage()).startsWith("connection to " + server.uri() + " lost: ");
            }
            assertThatThrownBy(() -> c.lookupByName("after")).hasMessageStartingWith("connection to " + server.uri() + " lost");
            Throwable ended = watch.error.get(10, TimeUnit.SECONDS);
            assertThat(ended).isInstanceOf(VirtException.class)
                    .hasMessageStartingWith("connection to " + server.uri() + " lost: ");
            c.close();
        }
    }

    @Test
    void aStalledServerIsDeclaredDeadByKeepalive() throws Exception {
        try (FakeServer server = new FakeServer(false, (call, p) -> {
            // never answers
        })) {
            Connection c = open(server, 1, 2);
            long start = System.nanoTime();
            assertThatThrownBy(() -> c.hostname()).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
                assertThat(e.getMessage()).contains("no answer to 2 keepalive pings");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
            assertThat(server.received.stream().filter(h -> h.program() == 0x6b656570).count()).isEqualTo(2);
            c.close();
        }
    }

    @Test
    void aServerThatAnswersPingsKeepsTheConnection() throws Exception {
        try (FakeServer server = new FakeServer(true, (call, p) -> {
            if (call.header().procedure() == RemoteProgram.CONNECT_GET_HOSTNAME.number()) {
                Thread.sleep(3500);
                p.reply(RemoteProgram.CONNECT_GET_HOSTNAME, call.header().serial(), "slow");
            }
        })) {
            Connection c = open(server, 1, 2);
            assertThat(c.hostname()).isEqualTo("slow");
            c.close();
        }
    }

    @Test
    void aFrameOverTheLimitClosesTheConnectionWithAClearError() throws Exception {
        try (FakeServer server = new FakeServer(true, (call, p) -> {
            p.send(ByteBuffer.allocate(4).putInt(Limits.MAX_FRAME + 1).array());
        })) {
            Connection c = open(server, 5, 5);
            assertThatThrownBy(() -> c.hostname()).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RPC);
                assertThat(e.getMessage()).isEqualTo("protocol error from " + server.uri()
                        + ": frame of 33554433 bytes exceeds the limit of 33554432 bytes");
            });
            c.close();
        }
    }

    @Test
    void aTruncatedFrameThenHangUpSaysSo() throws Exception {
        try (FakeServer server = new FakeServer(true, (call, p) -> {
            byte[] reply = Frames.reply(RemoteProgram.CONNECT_GET_HOSTNAME, call.header().serial(), "a-long-host-name");
            p.send(java.util.Arrays.copyOf(reply, reply.length - 6));
            p.hangUp();
        })) {
            Connection c = open(server, 5, 5);
            assertThatThrownBy(() -> c.hostname()).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
                assertThat(e.getMessage()).contains("lost: the server closed the connection (in the middle of a frame: 42 of the 48 bytes of a frame received)");
            });
            c.close();
        }
    }

    @Test
    void anUnknownProgramIsAProtocolError() throws Exception {
        try (FakeServer server = new FakeServer(true, (call, p) -> {
            p.send(Frames.encode(new Header(0x12345678, 1, 1, MessageType.REPLY, call.header().serial(), MessageStatus.OK),
                    Xdr.VOID, null));
        })) {
            Connection c = open(server, 5, 5);
            assertThatThrownBy(() -> c.hostname()).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RPC);
                assertThat(e.getMessage()).endsWith("a frame of unknown program 0x12345678 version 1");
            });
            c.close();
        }
    }

    @Test
    void aReplyForAnotherProcedureIsAProtocolError() throws Exception {
        try (FakeServer server = new FakeServer(true, (call, p) -> {
            p.reply(RemoteProgram.CONNECT_GET_TYPE, call.header().serial(), "QEMU");
        })) {
            Connection c = open(server, 5, 5);
            assertThatThrownBy(() -> c.hostname()).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RPC);
                assertThat(e.getMessage()).contains("answered CONNECT_GET_HOSTNAME (59) with a reply for procedure 3");
            });
            c.close();
        }
    }

    @Test
    void garbageInOneReplyFailsThatCallOnly() throws Exception {
        try (FakeServer server = new FakeServer(true, (call, p) -> {
            if (call.header().procedure() == RemoteProgram.CONNECT_GET_HOSTNAME.number()) {
                // a string length far beyond the body
                p.send(Frames.encode(FakeServer.replyTo(call, MessageStatus.OK), Xdr.INT, 1_000_000));
            } else {
                p.reply(RemoteProgram.CONNECT_GET_TYPE, call.header().serial(), "QEMU");
            }
        })) {
            Connection c = open(server, 5, 5);
            assertThatThrownBy(() -> c.hostname()).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RPC);
                assertThat(e.getMessage()).isEqualTo("cannot decode the reply of " + server.uri()
                        + " to CONNECT_GET_HOSTNAME: truncated message: string length of 1000000 does not fit in the 0 bytes left");
            });
            assertThat(c.hypervisorType()).isEqualTo("QEMU");
            c.close();
        }
    }

    @Test
    void anErrorReplyKeepsLibvirtsMessageAndCode() throws Exception {
        try (FakeServer server = new FakeServer(true, (call, p) -> {
            p.send(Frames.encode(FakeServer.replyTo(call, MessageStatus.ERROR), RemoteProgram.ERROR,
                    RemoteError.of(3, 20, "this function is not supported by the connection driver: virConnectGetHostname")));
        })) {
            Connection c = open(server, 5, 5);
            assertThatThrownBy(() -> c.hostname()).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT);
                assertThat(e.getMessage()).isEqualTo(
                        "this function is not supported by the connection driver: virConnectGetHostname");
            });
            c.close();
        }
    }

    @Test
    void aServerThatNeverAnswersTheOpeningIsGivenUpOnTime() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            FakeServer fake = null;
            String uri = "test+tcp://127.0.0.1:" + silent.getLocalPort() + "/default";
            RemoteSettings settings = RemoteSettings.defaults(Environment.of(Map.of())).withOpenTimeout(2);
            RemoteDriverFactory f = new RemoteDriverFactory(settings);
            assertThatThrownBy(() -> f.open(org.jvirt.spi.ConnectUri.parse(uri),
                    new org.jvirt.spi.DriverContext(new org.jvirt.event.EventBus(Runnable::run), false)))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
                        assertThat(e.getMessage()).contains("did not answer AUTH_LIST within 2 s");
                    });
            assertThat(fake).isNull();
        }
    }
}
