package org.jvirt.driver.qemu.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jvirt.driver.OnDemandThread;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;
import org.jvirt.linux.Ticker;

/**
 * A QMP connection over a UNIX socket (docs/qemu.md#start): greeting, {@code qmp_capabilities}, then
 * commands, each with an {@code id}; a reader thread routes replies by id and events to the
 * listener (on a separate dispatch thread) and to {@link #expect} waiters. Every wait has a
 * timeout. End of file means QEMU is gone: pending commands fail and the listener hears
 * {@link QmpListener#closed()}. JSON goes through {@link QmpJson} (no ObjectMapper).
 */
public final class QmpClient implements AutoCloseable {
    private static final int MAX_LINE = 16 * 1024 * 1024;
    private static final Duration CONNECT_POLL = Duration.ofMillis(1);
    /**
     * The longest Unix socket path, in bytes, the JDK connects to: sun_path holds 108 bytes, QEMU
     * makes sockets of up to 107, the JDK refuses 107 ("Unix domain path too long").
     */
    static final int MAX_SOCKET_PATH = 106;

    private final SocketChannel channel;
    private final QmpListener listener;
    private final Duration commandTimeout;
    private final Map<String, ReplySlot<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Expectation> expectations = new CopyOnWriteArrayList<>();
    private final ReplySlot<JsonNode> greeting = new ReplySlot<>();
    private final ReentrantLock commandLock = new ReentrantLock();
    private final AtomicLong ids = new AtomicLong();
    private final OnDemandThread dispatch;
    private final Thread reader;
    private volatile boolean closing;
    private volatile boolean eof;
    private Pending capabilities;

    private QmpClient(SocketChannel channel, QmpListener listener, Duration commandTimeout, String name) {
        this.channel = channel;
        this.listener = listener;
        this.commandTimeout = commandTimeout;
        this.dispatch = new OnDemandThread("qmp-events-" + name);
        this.reader = new Thread(this::readLoop, "qmp-reader-" + name);
        this.reader.setDaemon(true);
    }

    /**
     * Connects to {@code socket} (retrying while it does not accept yet, up to
     * {@code connectTimeout}), reads the greeting and leaves negotiation mode.
     */
    public static QmpClient connect(Path socket, Duration connectTimeout, Duration commandTimeout,
                                    QmpListener listener) {
        return connect(socket, connectTimeout, commandTimeout, listener, () -> true, Ticker.SYSTEM);
    }

    /**
     * {@link #connect}, giving up as soon as {@code alive} says the QEMU process is gone; the
     * waits for the socket are timed by {@code ticker}.
     */
    public static QmpClient connect(Path socket, Duration connectTimeout, Duration commandTimeout,
                                    QmpListener listener, java.util.function.BooleanSupplier alive, Ticker ticker) {
        long start = ticker.nanoTime();
        QmpClient c = open(socket, connectTimeout, commandTimeout, listener, alive, ticker);
        c.awaitReady(Duration.ofNanos(Math.max(0, connectTimeout.toNanos() - (ticker.nanoTime() - start))));
        return c;
    }

    /**
     * Connects as {@link #connect} does and sends {@code qmp_capabilities} at once, without waiting
     * for the greeting: commands {@link #submit}ted next travel with it, and QEMU runs them once it
     * has left negotiation mode, so a caller that needs a few answers to begin with gets them in
     * the same round trip. {@link #awaitReady} then waits for the greeting and the reply.
     */
    public static QmpClient open(Path socket, Duration connectTimeout, Duration commandTimeout,
                                 QmpListener listener, java.util.function.BooleanSupplier alive, Ticker ticker) {
        requireAddressFits(socket);
        long deadline = ticker.nanoTime() + connectTimeout.toNanos();
        SocketChannel ch = null;
        IOException last = null;
        while (ch == null) {
            try {
                ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                last = e;
                if (!alive.getAsBoolean()) {
                    throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                            "QEMU exited before its monitor %s was ready", socket);
                }
                if (ticker.nanoTime() - deadline > 0) {
                    throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.QEMU,
                            "QEMU monitor %s did not accept a connection within %d ms: %s", socket,
                            connectTimeout.toMillis(), last.getMessage());
                }
                // the socket appears some 30 ms after exec: a fine poll costs a few connect calls
                ticker.sleep(CONNECT_POLL);
            }
        }
        QmpClient c = new QmpClient(ch, listener, commandTimeout, String.valueOf(socket.getFileName()));
        c.reader.start();
        try {
            c.capabilities = c.submit("qmp_capabilities", null);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Fails at once when {@code socket} is longer than the JDK's Unix sockets take: no connection
     * to it could ever be made (QEMU itself refuses paths over 107 bytes), so a wait for it would
     * only end at the timeout.
     */
    static void requireAddressFits(Path socket) {
        int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "QEMU monitor socket path %s is %d bytes, longer than the %d a Unix socket's address takes here: "
                            + "set a shorter state_dir in qemu.conf", socket, bytes, MAX_SOCKET_PATH);
        }
    }

    /**
     * Waits for the greeting (at most {@code timeout}, at least 100 ms) and the reply to
     * {@code qmp_capabilities}; the client is closed when either fails.
     */
    public void awaitReady(Duration timeout) {
        try {
            await(greeting, Duration.ofNanos(Math.max(timeout.toNanos(), TimeUnit.MILLISECONDS.toNanos(100))),
                    "greeting");
            capabilities.get();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The {@code version} member of QEMU's greeting. */
    public JsonNode greetingVersion() {
        JsonNode g = greeting.getNow();
        return (g == null ? MissingNode.getInstance() : g).path("QMP").path("version");
    }

    public static ObjectNode args() {
        return QmpJson.object();
    }

    public JsonNode execute(String command) {
        return execute(command, null);
    }

    /** Runs {@code command}; returns its {@code return} member; {@link QmpException} on an error reply. */
    public JsonNode execute(String command, ObjectNode arguments) {
        return execute(command, arguments, commandTimeout);
    }

    public JsonNode execute(String command, ObjectNode arguments, Duration timeout) {
        return submit(command, arguments, timeout).get();
    }

    /** {@link #submit(String, ObjectNode, Duration)} with the command timeout. */
    public Pending submit(String command, ObjectNode arguments) {
        return submit(command, arguments, commandTimeout);
    }

    /**
     * Sends {@code command} and returns without waiting for its reply. QEMU runs a monitor's
     * commands one after the other and answers each by its id, so several may be in flight: a
     * caller saves the round trips of commands that do not depend on each other's replies.
     */
    public Pending submit(String command, ObjectNode arguments, Duration timeout) {
        String id = "jvirt-" + ids.incrementAndGet();
        ObjectNode msg = QmpJson.object();
        msg.put("execute", command);
        if (arguments != null) {
            msg.set("arguments", arguments);
        }
        msg.put("id", id);
        ReplySlot<JsonNode> reply = new ReplySlot<>();
        commandLock.lock();
        try {
            if (eof || closing) {
                throw gone(command);
            }
            pending.put(id, reply);
            if (eof) {
                // the reader failed the pending commands just before this one was added
                throw gone(command);
            }
            write(msg);
        } catch (RuntimeException e) {
            pending.remove(id);
            throw e;
        } finally {
            commandLock.unlock();
        }
        return new Pending(command, id, reply, timeout);
    }

    /** A command sent by {@link #submit} whose reply is awaited with {@link #get}. */
    public final class Pending {
        private final String command;
        private final String id;
        private final ReplySlot<JsonNode> reply;
        private final Duration timeout;

        private Pending(String command, String id, ReplySlot<JsonNode> reply, Duration timeout) {
            this.command = command;
            this.id = id;
            this.reply = reply;
            this.timeout = timeout;
        }

        /** Waits for the reply: its {@code return} member; {@link QmpException} on an error reply. */
        public JsonNode get() {
            try {
                JsonNode r = await(reply, timeout, command);
                JsonNode err = r.get("error");
                if (err != null) {
                    throw new QmpException(command, err.path("class").asText("?"), err.path("desc").asText("?"));
                }
                return r.path("return");
            } finally {
                pending.remove(id);
            }
        }
    }

    private VirtException gone(String command) {
        return VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                "QEMU monitor is closed: cannot run '%s' (QEMU exited?)", command);
    }

    private void write(ObjectNode msg) {
        try {
            byte[] bytes = (QmpJson.write(msg) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                    "cannot write to QEMU monitor: %s (QEMU exited?)", IoReason.of(e));
        }
    }

    private JsonNode await(ReplySlot<JsonNode> f, Duration timeout, String what) {
        try {
            return f.await(timeout);
        } catch (TimeoutException e) {
            throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.QEMU,
                    "QEMU monitor did not answer '%s' within %d ms", what, timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "interrupted waiting for '%s'", what);
        }
    }

    /** A registered wait for an event; register before the command that causes it. */
    public final class Expectation {
        private final Predicate<QmpEvent> match;
        private final ReplySlot<QmpEvent> hit = new ReplySlot<>();

        private Expectation(Predicate<QmpEvent> match) {
            this.match = match;
        }

        /** The matching event, or empty after {@code timeout} (or when the monitor closed). */
        public Optional<QmpEvent> await(Duration timeout) {
            try {
                return Optional.ofNullable(hit.await(timeout));
            } catch (TimeoutException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                expectations.remove(this);
            }
        }

        public void cancel() {
            expectations.remove(this);
        }
    }

    public Expectation expect(Predicate<QmpEvent> match) {
        Expectation e = new Expectation(match);
        expectations.add(e);
        return e;
    }

    public boolean isOpen() {
        return !eof && !closing;
    }

    private void readLoop() {
        // the default buffer (8 Ki chars): a longer line is joined from several fills, and a buffer of
        // 64 Ki chars was 128 KB to zero while the greeting waits (0.7 ms of an interpreted one-shot)
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.length() > MAX_LINE) {
                    break;
                }
                if (!line.isBlank()) {
                    handle(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // closed by us, or the peer vanished: both end the loop below
        }
        eof = true;
        VirtException gone = gone("a pending command");
        greeting.fail(gone);
        for (ReplySlot<JsonNode> f : pending.values()) {
            f.fail(gone);
        }
        for (Expectation x : expectations) {
            x.hit.complete(null);
        }
        if (!closing) {
            try {
                dispatch.execute(listener::closed);
            } catch (RejectedExecutionException raced) {
                // close() ran between the check and the hand-off: nobody is listening any more
            }
        }
        dispatch.shutdown();
    }

    private void handle(String line) {
        JsonNode msg;
        try {
            msg = QmpJson.read(line);
        } catch (IOException e) {
            return; // not JSON: ignore the line, as QEMU never sends one
        }
        if (msg.has("QMP")) {
            greeting.complete(msg);
        } else if (msg.has("event")) {
            QmpEvent ev = new QmpEvent(msg.path("event").asText(), msg.get("data"));
            for (Expectation x : expectations) {
                if (x.match.test(ev)) {
                    x.hit.complete(ev);
                }
            }
            dispatch.execute(() -> listener.event(ev));
        } else if (msg.has("id")) {
            ReplySlot<JsonNode> f = pending.get(msg.path("id").asText());
            if (f != null) {
                f.complete(msg);
            }
        }
    }

    /** Closes the socket without telling the listener; QEMU keeps running. */
    @Override
    public void close() {
        closing = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        dispatch.shutdown();
    }
}
