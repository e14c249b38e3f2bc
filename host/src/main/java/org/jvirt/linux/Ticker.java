package org.jvirt.linux;

import java.time.Duration;

/** Monotonic time and sleeping, injectable so that polling loops run instantly in tests. */
public interface Ticker {
    /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.jvirt.error.VirtException(org.jvirt.error.ErrorCode.OPERATION_FAILED,
                        org.jvirt.error.ErrorDomain.NONE, "interrupted while waiting", e);
            }
        }
    };

    long nanoTime();

    void sleep(Duration duration);
}
