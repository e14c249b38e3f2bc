package org.jvirt.driver.qemu.monitor;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One answer the reader thread hands to a waiting caller: a command's reply, the greeting, an
 * awaited event, or the failure that ended the monitor. A monitor of its own rather than a
 * {@code CompletableFuture}, whose first use sets up the common fork-join pool and its waiting
 * machinery: a millisecond and more of a one-shot command that talks to QEMU.
 *
 * @param <T> what is answered
 */
final class ReplySlot<T> {
    private T value;
    private RuntimeException failure;
    private boolean done;

    /** Answers with {@code v} (null allowed), unless answered before. */
    synchronized void complete(T v) {
        if (!done) {
            value = v;
            done = true;
            notifyAll();
        }
    }

    /** Answers with the failure {@code e}, unless answered before. */
    synchronized void fail(RuntimeException e) {
        if (!done) {
            failure = e;
            done = true;
            notifyAll();
        }
    }

    /** The answer if there is one and it is not a failure, else null. */
    synchronized T getNow() {
        return done && failure == null ? value : null;
    }

    /** Waits at most {@code timeout} for the answer; a failure is thrown as it was given. */
    synchronized T await(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            wait(left / 1_000_000 + 1);
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
