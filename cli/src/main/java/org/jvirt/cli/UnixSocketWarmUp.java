package org.jvirt.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;

/**
 * Sets up the JDK's Unix-domain sockets on a thread of its own while jvirsh reads its
 * configuration and opens the driver. The JDK seeds a {@code SecureRandom} the first time a Unix
 * socket is made (for names of temporary sockets that jvirsh never makes), which loads and sets up
 * the security providers: 6-10 ms of a one-shot command that waits for nothing else. Every URI
 * but the test driver's and the container driver's opens one soon after the start: jvirtd's socket,
 * a QEMU monitor's, libvirtd's.
 */
final class UnixSocketWarmUp implements Runnable {
    private UnixSocketWarmUp() {
    }

    /** Starts the set-up when {@code uri} (null: the default one) will open a Unix socket. */
    static void startFor(String uri) {
        if (uri != null && (uri.startsWith("test:") || uri.startsWith("lxc:"))) {
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
