package org.jvirt.driver;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One daemon thread that runs what it is given in order, made when the first task comes: a
 * connection's event delivery and a QEMU monitor's listener have it, and a one-shot command that
 * never sees an event makes no thread (a thread pool costs half a millisecond to set up).
 *
 * <p>Between tasks the thread waits on a monitor, not in a thread pool's queue: a pool's worker
 * loads a class of the JDK's locks at its first wait, so whether a short process that got one
 * event loaded it would depend on whether that thread got there before the process ended, and a
 * start-up cache trained on such a process would hold it or not by chance.
 */
public final class OnDemandThread implements Executor {
    private final String name;
    private final Object lock = new Object();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean started;
    private boolean shut;

    /** A thread to be named {@code name}. */
    public OnDemandThread(String name) {
        this.name = name;
    }

    /** Runs {@code task} after those given before; {@link RejectedExecutionException} once shut down. */
    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        synchronized (lock) {
            if (shut) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            tasks.add(task);
            if (started) {
                lock.notifyAll();
                return;
            }
            started = true;
        }
        Thread thread = new Worker();
        thread.setDaemon(true);
        thread.start();
    }

    /** Lets the tasks given so far run, and takes no more; the thread ends once they ran. */
    public void shutdown() {
        synchronized (lock) {
            shut = true;
            lock.notifyAll();
        }
    }

    /** The next task; null once shut down with nothing left to run. */
    private Runnable next() {
        synchronized (lock) {
            while (tasks.isEmpty() && !shut) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // only shutdown() ends this thread; an interrupt between tasks is dropped
                }
            }
            return tasks.poll();
        }
    }

    private final class Worker extends Thread {
        Worker() {
            super(name);
        }

        @Override
        public void run() {
            for (Runnable task = next(); task != null; task = next()) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    // as a pool's worker would, but the tasks after it still run on this thread
                    getUncaughtExceptionHandler().uncaughtException(this, e);
                }
            }
        }
    }
}
