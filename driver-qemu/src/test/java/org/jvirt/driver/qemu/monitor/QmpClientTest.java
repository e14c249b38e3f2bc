package org.jvirt.driver.qemu.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class QmpClientTest {
    @TempDir
    Path dir;

    FakeQmpServer server;
    final List<QmpEvent> events = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final QmpListener listener = new QmpListener() {
        @Override
        public void event(QmpEvent event) {
            events.add(event);
        }

        @Override
        public void closed() {
            closed.countDown();
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = new FakeQmpServer(dir.resolve("m.sock")).load("qemu72-boot.replies");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    QmpClient connect(Duration commandTimeout) {
        return QmpClient.connect(server.socket(), Duration.ofSeconds(5), commandTimeout, listener);
    }

    @Test
    void negotiatesAndRunsCommandsWithIds() {
        try (QmpClient c = connect(Duration.ofSeconds(5))) {
            assertThat(c.greetingVersion().path("qemu").path("major").asInt()).isEqualTo(7);
            JsonNode cpus = c.execute("query-cpus-fast");
            assertThat(cpus).hasSize(2);
            assertThat(cpus.get(1).path("thread-id").asInt()).isEqualTo(25385);
            assertThat(c.execute("query-status").path("status").asText()).isEqualTo("prelaunch");
            assertThat(server.commands()).containsExactly("qmp_capabilities", "query-cpus-fast", "query-status");
            List<String> ids = server.received().stream().map(n -> n.path("id").asText()).toList();
            assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
        }
    }

    @Test
    void aReplyLongerThanTheReadBufferArrivesWhole() {
        StringBuilder cpus = new StringBuilder("{\"return\": [");
        for (int i = 0; i < 2_000; i++) {
            cpus.append(i == 0 ? "" : ", ").append("{\"cpu-index\": ").append(i).append(", \"thread-id\": ")
                    .append(100_000 + i).append(", \"qom-path\": \"/machine/unattached/device[").append(i).append("]\"}");
        }
        server.on("query-cpus-fast", cpus.append("]}").toString());
        try (QmpClient c = connect(Duration.ofSeconds(5))) {
            JsonNode r = c.execute("query-cpus-fast");
            assertThat(r).hasSize(2_000);
            assertThat(r.get(1_999).path("thread-id").asInt()).isEqualTo(101_999);
            assertThat(c.execute("query-status").path("status").asText()).isEqualTo("prelaunch");
        }
    }

    @Test
    void submittedCommandsAreAllSentBeforeAnyReplyIsAwaitedAndEachGetsItsOwnReply() {
        try (QmpClient c = connect(Duration.ofSeconds(5))) {
            QmpClient.Pending cpus = c.submit("query-cpus-fast", null);
            QmpClient.Pending bad = c.submit("nosuch-command", null);
            QmpClient.Pending status = c.submit("query-status", null);
            // read in another order than sent: each reply went to its own command by id
            assertThat(status.get().path("status").asText()).isEqualTo("prelaunch");
            assertThatThrownBy(bad::get).isInstanceOfSatisfying(QmpException.class,
                    e -> assertThat(e.errorClass()).isEqualTo("CommandNotFound"));
            assertThat(cpus.get()).hasSize(2);
            assertThat(server.commands()).containsExactly("qmp_capabilities", "query-cpus-fast", "nosuch-command",
                    "query-status");
        }
    }

    @Test
    void aSubmittedCommandAfterEndOfFileFailsAtOnce() throws Exception {
        try (QmpClient c = connect(Duration.ofSeconds(10))) {
            server.hangUp();
            assertThat(closed.await(2, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> c.submit("query-status", null)).hasMessageContaining("monitor is closed");
        }
    }

    @Test
    void errorRepliesBecomeQmpExceptions() {
        try (QmpClient c = connect(Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> c.execute("nosuch-command")).isInstanceOfSatisfying(QmpException.class, e -> {
                assertThat(e.errorClass()).isEqualTo("CommandNotFound");
                assertThat(e.getMessage()).contains("nosuch-command", "has not been found");
            });
            assertThat(c.execute("query-status").path("running").asBoolean(true)).isFalse();
        }
    }

    @Test
    void eventsReachListenerAndExpectations() throws Exception {
        try (QmpClient c = connect(Duration.ofSeconds(5))) {
            QmpClient.Expectation resumed = c.expect(e -> e.name().equals("RESUME"));
            c.execute("cont");
            assertThat(resumed.await(Duration.ofSeconds(2))).isPresent();
            server.emit("{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (events.size() < 2 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(events).extracting(QmpEvent::name).containsExactly("RESUME", "SHUTDOWN");
            assertThat(events.get(1).text("reason")).isEqualTo("guest-shutdown");
            QmpClient.Expectation never = c.expect(e -> e.name().equals("DEVICE_DELETED"));
            long t0 = System.nanoTime();
            assertThat(never.await(Duration.ofMillis(200))).isEmpty();
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
        }
    }

    @Test
    void unansweredCommandTimesOutAndClientStaysUsable() {
        server.silence("query-iothreads");
        try (QmpClient c = connect(Duration.ofMillis(300))) {
            assertThatThrownBy(() -> c.execute("query-iothreads")).isInstanceOfSatisfying(VirtException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
                        assertThat(e.getMessage()).contains("query-iothreads", "300 ms");
                    });
            assertThat(c.execute("query-status").path("status").asText()).isEqualTo("prelaunch");
        }
    }

    @Test
    void endOfFileFailsPendingCommandAndTellsListener() throws Exception {
        server.silence("query-iothreads");
        try (QmpClient c = connect(Duration.ofSeconds(10))) {
            Thread hang = new Thread(() -> {
                try {
                    Thread.sleep(200);
                    server.hangUp();
                } catch (Exception ignored) {
                    // test fails below
                }
            });
            hang.start();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> c.execute("query-iothreads")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).contains("monitor is closed"));
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertThat(closed.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(c.isOpen()).isFalse();
            assertThatThrownBy(() -> c.execute("query-status")).hasMessageContaining("monitor is closed");
        }
    }

    @Test
    void closeByUsIsNotReportedAsEof() throws Exception {
        QmpClient c = connect(Duration.ofSeconds(5));
        c.close();
        assertThat(closed.await(300, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void missingSocketTimesOut() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> QmpClient.connect(dir.resolve("nosuch.sock"), Duration.ofMillis(200),
                Duration.ofSeconds(1), listener)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT));
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(3));
    }

    /** A clock whose waits fail the test: a connect that must not wait for its socket. */
    private static final org.jvirt.linux.Ticker NO_WAITING = new org.jvirt.linux.Ticker() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public void sleep(Duration duration) {
            throw new AssertionError("waited " + duration + " for a socket that can never accept");
        }
    };

    @Test
    void aSocketPathLongerThanTheJdkTakesFailsAtOnceNamingTheSetting() {
        String base = dir.resolve("d").toString();
        Path tooLong = Path.of(base + "x".repeat(QmpClient.MAX_SOCKET_PATH + 1 - base.length()));
        assertThat(tooLong.toString()).hasSize(107);
        assertThatThrownBy(() -> QmpClient.connect(tooLong, Duration.ofSeconds(30), Duration.ofSeconds(1), listener,
                () -> true, NO_WAITING)).isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                    assertThat(e.getMessage()).contains(tooLong.toString(), "107 bytes", "106", "state_dir");
                });
        // 106 bytes fit: a monitor there answers
        Path fits = Path.of(base + "x".repeat(QmpClient.MAX_SOCKET_PATH - base.length()));
        try (FakeQmpServer longPath = new FakeQmpServer(fits).load("qemu72-boot.replies");
             QmpClient c = QmpClient.connect(longPath.socket(), Duration.ofSeconds(5), Duration.ofSeconds(5), listener)) {
            assertThat(c.greetingVersion().path("qemu").path("major").asInt()).isEqualTo(7);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aQemuThatExitedEndsTheWaitForItsSocket() {
        assertThatThrownBy(() -> QmpClient.connect(dir.resolve("gone.sock"), Duration.ofSeconds(30),
                Duration.ofSeconds(1), listener, () -> false, NO_WAITING)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("QEMU exited before its monitor"));
    }

    @Test
    void silentGreetingTimesOut() throws Exception {
        server.close();
        try (java.nio.channels.ServerSocketChannel mute = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            mute.bind(java.net.UnixDomainSocketAddress.of(dir.resolve("mute.sock")));
            assertThatThrownBy(() -> QmpClient.connect(dir.resolve("mute.sock"), Duration.ofMillis(300),
                    Duration.ofSeconds(1), listener)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT));
        }
        server = new FakeQmpServer(dir.resolve("m2.sock"));
    }
}
