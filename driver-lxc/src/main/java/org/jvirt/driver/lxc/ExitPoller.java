package org.jvirt.driver.lxc;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the polls that watch taken-over containers ({@link LxcExits}) one after the other on one
 * daemon thread, made at the first poll: a connection that watches nothing (a one-shot command
 * on a stopped container) makes none. A {@link Timer} rather than a scheduled thread pool: its
 * thread waits on a monitor, so what a short process loads does not depend on whether that
 * thread got to its first wait before the process ended (the pool's worker loads a class of the
 * JDK's locks there, which a start-up cache then holds or not).
 */
final class ExitPoller {
    private final String name;
    private Timer timer;
    private boolean closed;

    ExitPoller(String name) {
        this.name = name;
    }

    /** Runs {@code poll} in {@code millis}; {@link RejectedExecutionException} once closed, as an executor. */
    synchronized void schedule(Runnable poll, long millis) {
        if (closed) {
            throw new RejectedExecutionException(name + " is closed");
        }
        if (timer == null) {
            timer = new Timer(name, true);
        }
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                poll.run();
            }
        }, millis);
    }

    /** Drops the polls not run yet and ends the thread. */
    synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.cancel();
        }
    }
}
