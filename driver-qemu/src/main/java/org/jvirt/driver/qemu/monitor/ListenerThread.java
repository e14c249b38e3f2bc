package org.jvirt.driver.qemu.monitor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The thread a monitor's listener hears events and the end of file on, in order: made at the
 * first of them (a one-shot command that only sends commands sees none, and a thread pool's
 * first use costs half a millisecond), taking nothing once shut.
 */
final class ListenerThread {
    private final String name;
    private ExecutorService executor;
    private boolean shut;

    ListenerThread(String name) {
        this.name = name;
    }

    /** Runs {@code task} after those given before; nothing once {@link #shut}. */
    synchronized void run(Runnable task) {
        if (shut) {
            return; // the client was closed: nobody is listening any more
        }
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        executor.execute(task);
    }

    /** Lets the tasks given so far finish, and takes no more. */
    synchronized void shut() {
        shut = true;
        if (executor != null) {
            executor.shutdown();
        }
    }
}
