package org.jvirt.connect;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The thread a connection delivers its events on, a daemon named after its URI: made when the
 * first event is delivered (a one-shot command has no subscriber, and a thread pool's first use
 * costs half a millisecond), taking nothing once shut down.
 */
final class EventThread implements Executor {
    private final String name;
    private ExecutorService executor;
    private boolean shut;

    EventThread(String name) {
        this.name = name;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (shut) {
            throw new RejectedExecutionException("the connection is closed");
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

    /** Lets the events given so far be delivered, and takes no more. */
    synchronized void shutdown() {
        shut = true;
        if (executor != null) {
            executor.shutdown();
        }
    }
}
