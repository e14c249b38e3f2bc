package org.jvirt.bench.real;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A minimal QMP client for the bare-QEMU peer: one line per message, events skipped while
 * waiting for a reply. Deliberately naive (blocking, no JSON parsing) so the peer is as cheap as
 * a client can be.
 */
final class Qmp implements AutoCloseable {
    private final SocketChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private final StringBuilder pending = new StringBuilder();

    private Qmp(SocketChannel ch) {
        this.ch = ch;
    }

    /** Connects once to the monitor of a QEMU that already listens. */
    static Qmp attach(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new Qmp(ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Connects, retrying until the socket accepts or {@code alive} says QEMU is gone / the deadline passes. */
    static Qmp connect(Path socket, Process qemu, long timeoutNanos) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeoutNanos;
        while (true) {
            try {
                return attach(socket);
            } catch (IOException e) {
                if (!qemu.isAlive() || System.nanoTime() > end) {
                    throw new IOException("QMP " + socket + " not reachable (QEMU alive: " + qemu.isAlive() + ")", e);
                }
                Thread.sleep(0, 200_000);
            }
        }
    }

    /** Reads the greeting and negotiates capabilities. */
    void handshake() throws IOException {
        String greeting = readLine();
        if (!greeting.contains("\"QMP\"")) {
            throw new IOException("not a QMP greeting: " + greeting);
        }
        execute("{\"execute\":\"qmp_capabilities\"}");
    }

    /** Sends one command and returns its reply line (events are skipped); an error reply throws. */
    String execute(String json) throws IOException {
        ch.write(ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8)));
        return reply(json);
    }

    /**
     * Sends {@code first} and {@code second} in one write and returns both replies in order (an
     * error reply to either throws): the second goes out before QEMU answered the first.
     */
    String[] executeBoth(String first, String second) throws IOException {
        ch.write(ByteBuffer.wrap((first + "\n" + second + "\n").getBytes(StandardCharsets.UTF_8)));
        return new String[] {reply(first), reply(second)};
    }

    private String reply(String json) throws IOException {
        while (true) {
            String line = readLine();
            if (line.startsWith("{\"return\"")) {
                return line;
            }
            if (line.startsWith("{\"error\"")) {
                throw new IOException(json + " -> " + line);
            }
        }
    }

    private String readLine() throws IOException {
        while (true) {
            int nl = pending.indexOf("\n");
            if (nl >= 0) {
                String line = pending.substring(0, nl).strip();
                pending.delete(0, nl + 1);
                if (!line.isEmpty()) {
                    return line;
                }
                continue;
            }
            buf.clear();
            if (ch.read(buf) < 0) {
                throw new IOException("QMP closed");
            }
            buf.flip();
            pending.append(StandardCharsets.UTF_8.decode(buf));
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
