package org.jvirt.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Ticker} whose sleep advances its clock at once; a hook may change the world on each sleep. */
public final class FakeTicker implements Ticker {
    private long now;
    private final List<Duration> sleeps = new ArrayList<>();
    private Runnable onSleep = () -> { };

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now += duration.toNanos();
        onSleep.run();
    }

    public synchronized FakeTicker onSleep(Runnable hook) {
        this.onSleep = hook;
        return this;
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
