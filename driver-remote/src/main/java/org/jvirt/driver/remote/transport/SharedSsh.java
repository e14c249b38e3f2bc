package org.jvirt.driver.remote.transport;

import java.util.HashSet;
import java.util.Set;

import org.apache.sshd.client.SshClient;

/**
 * The one MINA SSHD client of this JVM, with its few I/O threads, shared by every ssh connection:
 * started by the first, stopped when the last transport closes (process-wide, like {@link SharedIoLoop}).
 */
final class SharedSsh {
    private static final Object LOCK = new Object();
    private static SshClient client;
    private static int users;
    private static final Set<SshTransport> OPEN = new HashSet<>();

    private SharedSsh() {
    }

    static SshClient acquire() {
        synchronized (LOCK) {
            if (client == null) {
                client = SshClient.setUpDefaultClient();
                client.start();
            }
            users++;
            return client;
        }
    }

    static void release(SshClient c) {
        synchronized (LOCK) {
            if (c != client) {
                return;
            }
            if (--users == 0) {
                client.stop();
                client = null;
            }
        }
    }

    static void track(SshTransport t, SshClient c) {
        synchronized (LOCK) {
            OPEN.add(t);
        }
    }

    static void untrack(SshTransport t) {
        synchronized (LOCK) {
            if (OPEN.remove(t)) {
                release(client);
            }
        }
    }
}
