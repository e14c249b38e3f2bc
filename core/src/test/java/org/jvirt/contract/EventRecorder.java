package org.jvirt.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jvirt.event.DomainEvent;

/** A {@link Flow.Subscriber} that keeps every event, for tests. */
public final class EventRecorder implements Flow.Subscriber<DomainEvent> {
    private final BlockingQueue<DomainEvent> events = new LinkedBlockingQueue<>();
    private final List<DomainEvent> seen = new ArrayList<>();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(DomainEvent item) {
        events.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        // the test sees missing events
    }

    @Override
    public void onComplete() {
        // nothing
    }

    /** Waits for the first event (after those already taken) that matches. */
    public DomainEvent await(Predicate<DomainEvent> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DomainEvent e : seen) {
            if (match.test(e)) {
                seen.remove(e);
                return e;
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            DomainEvent e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching event within " + timeout + "; seen: " + seen);
            }
            if (match.test(e)) {
                return e;
            }
            seen.add(e);
        }
    }
}
