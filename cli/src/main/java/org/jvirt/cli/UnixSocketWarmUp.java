package org.jvirt.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;

/**
 * Sets up the JDK's Unix-domain sockets on a thread of its own while jvirsh reads its
 * configuration and opens the driver. The JDK seeds a {@code SecureRandom} the first time a Unix
 * socket is made (for names of temporary sockets that jvirsh never makes), which reads the
 * security properties and sets up the first security provider: 10-17 ms of a one-shot command
 * through jvirtd on a 2-CPU host, which waits for nothing else. Done when bin/jvirsh says that the
 * connection opens a Unix socket first thing ({@value #PROPERTY}: through jvirtd, or a remote URI
 * over one); a command that may never open one does not pay for it on the second CPU.
 */
final class UnixSocketWarmUp implements Runnable {
    static final String PROPERTY = "jvirsh.opensUnixSocket";

    private UnixSocketWarmUp() {
    }

    /** Starts the set-up when the launcher said so; first thing in the process. */
    static void startIfAsked() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        Thread t = new Thread(new UnixSocketWarmUp(), "jvirsh-unix-socket-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try (SocketChannel unused = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // made and closed: what was wanted is the JDK's set-up behind it
        } catch (IOException | UnsupportedOperationException e) {
            // the connection's own socket reports what is wrong
        }
    }
}
