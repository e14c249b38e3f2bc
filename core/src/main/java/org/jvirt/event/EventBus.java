package org.jvirt.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * One connection's event stream. Drivers {@link #publish} from any thread and never wait;
 * each subscriber has a buffer of its own (its capacity chosen when it subscribes) and receives
 * its events on the bus's executor, in order. A subscriber whose buffer is full when an event
 * comes is told so: it still receives every event buffered before the gap, then
 * {@code onError} with {@link EventsMissedException} (how many it missed), and its subscription
 * ends. A slow subscriber never slows the driver or the other subscribers.
 */
public final class EventBus implements AutoCloseable {
    /** The buffer of {@link org.jvirt.Connection#events()}. */
    public static final int DEFAULT_CAPACITY = 1024;

    private final Executor executor;
    private final List<EventSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Runnable> subscribeListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile Throwable failure;

    public EventBus(Executor executor) {
        this.executor = executor;
    }

    public void publish(DomainEvent event) {
        if (!closed) {
            for (EventSubscription s : subscriptions) {
                s.offer(event);
            }
        }
    }

    /** A publisher whose subscribers each get a buffer of {@code capacity} events (at least 1). */
    public Flow.Publisher<DomainEvent> publisher(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("event buffer capacity must be at least 1, not " + capacity);
        }
        return subscriber -> subscribe(subscriber, capacity);
    }

    public Flow.Publisher<DomainEvent> publisher() {
        return publisher(DEFAULT_CAPACITY);
    }

    /**
     * Runs {@code listener} on the subscribing thread before each subscription takes effect: a
     * driver whose events must be asked for (a remote server) asks then, so what happens after
     * {@code subscribe} returns is delivered. A listener that throws fails the subscribe call.
     */
    public void onSubscribe(Runnable listener) {
        subscribeListeners.add(listener);
    }

    private void subscribe(Flow.Subscriber<? super DomainEvent> subscriber, int capacity) {
        if (!closed) {
            subscribeListeners.forEach(Runnable::run);
        }
        EventSubscription s = new EventSubscription(subscriber, capacity, executor, subscriptions::remove);
        if (!closed) {
            subscriptions.add(s);
        }
        s.start();
        if (closed) {
            end(s);
        }
    }

    private void end(EventSubscription s) {
        Throwable cause = failure;
        if (cause == null) {
            s.complete();
        } else {
            s.fail(cause);
        }
    }

    /**
     * Ends the stream with an error (a lost connection): every subscriber receives what it has
     * buffered, then {@code onError(cause)}; so does a later subscriber, at once.
     */
    public void closeExceptionally(Throwable cause) {
        failure = cause;
        close();
    }

    /** Subscribers receive what they have buffered, then {@code onComplete}. */
    @Override
    public void close() {
        closed = true;
        for (EventSubscription s : subscriptions) {
            end(s);
        }
    }
}
