package org.jvirt.driver;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * One daemon thread that runs what it is given in order, made when the first task comes: a
 * connection's event delivery and a QEMU monitor's listener have it, and a one-shot command that
 * never sees an event makes no thread pool (the first costs half a millisecond to set up).
 */
public final class OnDemandThread implements Executor {
    private final String name;
    private ExecutorService executor;
    private boolean shut;

    /** A thread to be named {@code name}. */
    public OnDemandThread(String name) {
        this.name = name;
    }

    /** Runs {@code task} after those given before; {@link RejectedExecutionException} once shut down. */
    @Override
    public synchronized void execute(Runnable task) {
        if (shut) {
            throw new RejectedExecutionException(name + " is shut down");
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

    /** Lets the tasks given so far run, and takes no more. */
    public synchronized void shutdown() {
        shut = true;
        if (executor != null) {
            executor.shutdown();
        }
    }
}
