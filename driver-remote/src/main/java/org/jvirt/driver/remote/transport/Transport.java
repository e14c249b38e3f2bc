package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A byte stream to a server (Unix socket, TCP, TLS, an SSH channel). Sends come from any thread;
 * received bytes and the end of the stream go to one {@link Receiver}, one call at a time.
 */
public interface Transport extends AutoCloseable {
    /** Where received bytes go. */
    interface Receiver {
        /** Bytes that arrived; valid only during the call. */
        void onData(ByteBuffer data);

        /** The stream ended: {@code cause} is null at a clean end of file. Called at most once. */
        void onClosed(IOException cause);
    }

    /** Starts delivering to {@code receiver}; bytes that arrived before are delivered first. */
    void start(Receiver receiver) throws IOException;

    /** Queues a whole frame; never blocks on the peer. */
    void send(byte[] frame) throws IOException;

    /** What the transport reaches, for messages: {@code unix:/var/run/libvirt/libvirt-sock}. */
    String describe();

    /** Whether the transport keeps the bytes private (TLS, SSH, a local socket): SASL then needs no layer of its own. */
    boolean secure();

    /**
     * Puts SASL's security layer between the socket and the frames from the next byte on (plain
     * TCP after a DIGEST-MD5 {@code auth-int}/{@code auth-conf} authentication).
     */
    default void addSecurityLayer(StreamLayer sasl) throws IOException {
        throw new IOException(describe() + " cannot carry a SASL security layer");
    }

    @Override
    void close();
}
