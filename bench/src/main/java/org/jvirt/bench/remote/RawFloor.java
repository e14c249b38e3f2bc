package org.jvirt.bench.remote;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import org.jvirt.protocol.Frames;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteMessages.DomainFlags;
import org.jvirt.protocol.remote.RemoteMessages.OpenArgs;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * The floor of remote-bench.sh's call mix: the same GET_XML_DESC / GET_INFO frames, written
 * pre-encoded on one Unix socket to the same libvirtd with at most IN_FLIGHT calls outstanding
 * (one writer thread, one reader thread that only cuts the replies by their length word). No
 * client can be faster with that many calls in flight on one connection: what is left is the
 * server's own time per call and the socket.
 *
 * <pre>
 * java -cp jvirt-benchmarks.jar org.jvirt.bench.remote.RawFloor SOCKET DOMAIN CALLS IN_FLIGHT
 * </pre>
 */
public final class RawFloor {
    private RawFloor() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        String name = args[1];
        int calls = Integer.parseInt(args[2]);
        int inFlight = Integer.parseInt(args[3]);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            write(ch, Frames.call(RemoteProgram.AUTH_LIST, 1, null));
            readFrame(ch);
            write(ch, Frames.call(RemoteProgram.CONNECT_OPEN, 2, new OpenArgs(Optional.of("test:///default"), 0)));
            readFrame(ch);
            write(ch, Frames.call(RemoteProgram.DOMAIN_LOOKUP_BY_NAME, 3, name));
            ByteBuffer reply = readFrame(ch).flip();
            java.util.List<org.jvirt.protocol.Frame> frames = new java.util.ArrayList<>();
            new org.jvirt.protocol.FrameDecoder().feed(reply, frames::add);
            DomainRef dom = frames.get(0).decode(RemoteProgram.DOMAIN_LOOKUP_BY_NAME.result());
            byte[] xml = Frames.call(RemoteProgram.DOMAIN_GET_XML_DESC, 0, new DomainFlags(dom, 0));
            byte[] info = Frames.call(RemoteProgram.DOMAIN_GET_INFO, 0, dom);
            run(ch, xml, info, 20000, inFlight, 10); // the same warm-up as the clients get
            long cpu0 = RemoteBench.processCpuNanos();
            long ns = run(ch, xml, info, calls, inFlight, 1_000_000);
            long cpu = RemoteBench.processCpuNanos() - cpu0;
            System.out.printf("raw-floor in_flight=%d calls=%d seconds=%.3f calls_per_s=%.0f client_cpu_us_per_call=%.1f%n",
                    inFlight, calls, ns / 1e9, calls / (ns / 1e9), cpu / 1e3 / calls);
        }
    }

    private static long run(SocketChannel ch, byte[] xml, byte[] info, int calls, int inFlight, int firstSerial)
            throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        Thread reader = new Thread(() -> {
            try {
                for (int i = 0; i < calls; i++) {
                    readFrame(ch);
                    slots.release();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long t0 = System.nanoTime();
        reader.start();
        for (int i = 0; i < calls; i++) {
            slots.acquire();
            byte[] f = (i & 1) == 0 ? xml : info;
            ByteBuffer.wrap(f).putInt(20, firstSerial + i); // the header's serial word
            write(ch, f);
        }
        reader.join();
        return System.nanoTime() - t0;
    }

    private static void write(SocketChannel ch, byte[] frame) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static final ThreadLocal<ByteBuffer> LENGTH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(4));

    /** One whole frame (length word included). */
    private static ByteBuffer readFrame(SocketChannel ch) throws IOException {
        ByteBuffer len = LENGTH.get().clear();
        fill(ch, len);
        int n = len.getInt(0);
        ByteBuffer frame = ByteBuffer.allocate(n);
        frame.putInt(n);
        fill(ch, frame);
        return frame;
    }

    private static void fill(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("the server closed the connection");
            }
        }
    }
}
