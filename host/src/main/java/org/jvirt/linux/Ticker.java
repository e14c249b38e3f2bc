package org.jvirt.linux;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Monotonic time and sleeping, injectable so that polling loops run instantly in tests. */
public interface Ticker {
    /** The real clock: {@link System#nanoTime()} and {@link LockSupport#parkNanos}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        /** Parks for the duration, to the microsecond (Thread.sleep would round 200 µs up to 1 ms). */
        @Override
        public void sleep(Duration duration) {
            long deadline = System.nanoTime() + duration.toNanos();
            for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new org.jvirt.error.VirtException(org.jvirt.error.ErrorCode.OPERATION_FAILED,
                            org.jvirt.error.ErrorDomain.NONE, "interrupted while waiting");
                }
            }
        }
    };

    long nanoTime();

    void sleep(Duration duration);
}
