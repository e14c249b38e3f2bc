package org.jvirt.driver.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.jvirt.event.DomainEvent;

/** Collects a connection's events; {@link #await} waits for a number of them. */
final class EventLog implements Flow.Subscriber<DomainEvent> {
    private final List<DomainEvent> events = new ArrayList<>();

    @Override
    public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(DomainEvent e) {
        events.add(e);
        notifyAll();
    }

    @Override
    public void onError(Throwable t) {
    }

    @Override
    public void onComplete() {
    }

    synchronized List<DomainEvent> await(int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.size() < count && System.nanoTime() < end) {
            wait(200);
        }
        return List.copyOf(events);
    }
}
