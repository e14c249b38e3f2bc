package org.jvirt.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.jvirt.protocol.Frame;
import org.jvirt.protocol.FrameDecoder;
import org.jvirt.protocol.Frames;
import org.jvirt.protocol.Header;
import org.jvirt.protocol.MessageStatus;
import org.jvirt.protocol.MessageType;
import org.jvirt.protocol.Procedure;
import org.jvirt.protocol.remote.RemoteError;
import org.jvirt.protocol.remote.RemoteMessages.OpenArgs;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.protocol.xdr.XdrWriter;

/** A hand-driven protocol client: sends whatever bytes a test wants, reads frames with a deadline. */
final class RawClient implements AutoCloseable {
    final SocketChannel ch;
    private final FrameDecoder decoder = new FrameDecoder();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private int serial = 100;
    private boolean eof;

    RawClient(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    <A, R> int send(Procedure<A, R> p, A args) throws IOException {
        int s = ++serial;
        write(Frames.call(p, s, args));
        return s;
    }

    /** A frame with this header and these raw body bytes (any program, procedure, garbage). */
    static byte[] frame(int program, int version, int procedure, MessageType type, int serial, byte[] body) {
        XdrWriter w = new XdrWriter();
        w.writeInt(4 + Header.SIZE + body.length);
        new Header(program, version, procedure, type, serial, MessageStatus.OK).write(w);
        w.writeFixedOpaque(body);
        return w.toByteArray();
    }

    /** The next frame, or empty when the connection ends or nothing comes within the time. */
    Optional<Frame> read(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        ByteBuffer buf = ByteBuffer.allocate(65536);
        ch.configureBlocking(false);
        try {
            while (frames.isEmpty()) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    eof = true;
                    return Optional.empty();
                }
                if (n == 0) {
                    if (System.currentTimeMillis() > deadline) {
                        return Optional.empty();
                    }
                    Thread.sleep(5);
                    continue;
                }
                buf.flip();
                decoder.feed(buf, frames::add);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ch.configureBlocking(true);
        }
        return Optional.of(frames.poll());
    }

    Frame reply(long millis) throws IOException {
        return read(millis).orElseThrow(() -> new AssertionError("no reply within " + millis + " ms"));
    }

    /** Whether the daemon closed the connection (frames before the end are dropped) within the time. */
    boolean closedWithin(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            try {
                read(100);
            } catch (IOException e) {
                return true;
            }
            if (eof) {
                return true;
            }
        }
        return false;
    }

    static RemoteError error(Frame f) {
        if (f.header().status() != MessageStatus.ERROR) {
            throw new AssertionError("expected an error reply, got " + f.header());
        }
        return f.decode(RemoteProgram.ERROR);
    }

    /** AUTH_LIST then CONNECT_OPEN, as virsh starts. */
    RawClient open(String uri) throws IOException {
        send(RemoteProgram.AUTH_LIST, null);
        reply(5000);
        send(RemoteProgram.CONNECT_OPEN, new OpenArgs(Optional.of(uri), 0));
        Frame f = reply(10000);
        if (f.header().status() != MessageStatus.OK) {
            throw new AssertionError("open failed: " + error(f));
        }
        return this;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
