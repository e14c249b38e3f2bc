package org.jvirt.driver.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.jvirt.protocol.remote.RemoteProgram;

/**
 * A TCP relay on 127.0.0.1 between a client and a real server that keeps every byte of each
 * direction, and reads them back as libvirt's SASL-layered stream: plain frames (length word
 * counting itself) up to the reply that completes SASL authentication, then security-layer
 * chunks (a length word not counting itself, then that many wrapped bytes) in both directions.
 */
final class WireRecorder implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
    private final List<Socket> sockets = new ArrayList<>();

    WireRecorder(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "wire-recorder");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        try {
            Socket client = server.accept();
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            synchronized (sockets) {
                sockets.add(client);
                sockets.add(upstream);
            }
            pump(client.getInputStream(), upstream.getOutputStream(), toServer);
            pump(upstream.getInputStream(), client.getOutputStream(), toClient);
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(InputStream in, OutputStream out, ByteArrayOutputStream record) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (record) {
                        record.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                }
                out.close();
            } catch (IOException e) {
                // one side closed
            }
        }, "wire-recorder-pump");
        t.setDaemon(true);
        t.start();
    }

    /** What was seen so far, cut into its plain frames and security-layer chunks. */
    Wire wire() {
        byte[] down;
        byte[] up;
        synchronized (toClient) {
            down = toClient.toByteArray();
        }
        synchronized (toServer) {
            up = toServer.toByteArray();
        }
        ByteBuffer server = ByteBuffer.wrap(down);
        int plainFrames = 0;
        boolean layered = false;
        while (!layered && server.remaining() >= 4) {
            int start = server.position();
            int length = server.getInt(start);
            int procedure = server.getInt(start + 12);
            boolean authReply = procedure == RemoteProgram.AUTH_SASL_START.number()
                    || procedure == RemoteProgram.AUTH_SASL_STEP.number();
            // SaslResult: complete comes first after the six header words, for an OK reply
            layered = authReply && server.getInt(start + 24) == 0 && server.getInt(start + 28) == 1;
            server.position(start + length);
            plainFrames++;
        }
        ByteBuffer client = ByteBuffer.wrap(up);
        for (int i = 0; i < plainFrames; i++) {
            client.position(client.position() + client.getInt(client.position()));
        }
        return new Wire(layered, chunks(client), chunks(server), down, up);
    }

    private static List<Integer> chunks(ByteBuffer b) {
        List<Integer> sizes = new ArrayList<>();
        while (b.remaining() >= 4) {
            int n = b.getInt();
            sizes.add(n);
            b.position(Math.min(b.limit(), b.position() + n));
        }
        return sizes;
    }

    /** The chunk sizes each way after authentication, and all bytes each way. */
    record Wire(boolean layered, List<Integer> toServerChunks, List<Integer> toClientChunks, byte[] toClient,
                byte[] toServer) {
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
