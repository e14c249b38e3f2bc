package org.jvirt.driver.qemu;

import java.util.concurrent.atomic.AtomicInteger;

import org.jvirt.driver.qemu.monitor.QmpClient;

/**
 * The STOP and RESUME events still to come of this process's own {@code stop} and {@code cont}
 * on the monitor it holds, so that the event listener tells them from someone else's.
 */
final class OwnCommands {
    private final AtomicInteger stops = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();

    /**
     * Runs {@code stop} or {@code cont} on {@code q}; on the held monitor ({@code held}) its event
     * is noted first, and forgotten again when the command fails.
     */
    void run(QmpClient q, boolean held, String command) {
        AtomicInteger own = command.equals("stop") ? stops : resumes;
        if (held) {
            own.incrementAndGet();
        }
        try {
            q.execute(command);
        } catch (RuntimeException e) {
            if (held) {
                own.decrementAndGet();
            }
            throw e;
        }
    }

    /** Whether a STOP event was one of this process's own (and counts it off). */
    boolean consumeStop() {
        return consume(stops);
    }

    /** Whether a RESUME event was one of this process's own (and counts it off). */
    boolean consumeResume() {
        return consume(resumes);
    }

    private static boolean consume(AtomicInteger own) {
        return own.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
