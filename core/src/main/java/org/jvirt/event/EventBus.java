package org.jvirt.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * One connection's event stream. Drivers {@link #publish} from any thread; subscribers receive
 * events on the bus's executor in order. A slow subscriber only loses its own buffer space:
 * events offered to a full buffer are dropped for that subscriber, never block the driver.
 */
public final class EventBus implements AutoCloseable {
    private static final int BUFFER = 1024;

    private final SubmissionPublisher<DomainEvent> publisher;
    private final List<Runnable> subscribeListeners = new CopyOnWriteArrayList<>();
    private final Flow.Publisher<DomainEvent> front;

    public EventBus(Executor executor) {
        this.publisher = new SubmissionPublisher<>(executor, BUFFER);
        this.front = subscriber -> {
            subscribeListeners.forEach(Runnable::run);
            publisher.subscribe(subscriber);
        };
    }

    public void publish(DomainEvent event) {
        if (!publisher.isClosed()) {
            publisher.offer(event, (subscriber, dropped) -> false);
        }
    }

    public Flow.Publisher<DomainEvent> publisher() {
        return front;
    }

    /**
     * Runs {@code listener} on the subscribing thread before each subscription takes effect: a
     * driver whose events must be asked for (a remote server) asks then, so what happens after
     * {@code subscribe} returns is delivered. A listener that throws fails the subscribe call.
     */
    public void onSubscribe(Runnable listener) {
        subscribeListeners.add(listener);
    }

    /** Ends the stream with an error every subscriber receives ({@code onError}): a lost connection. */
    public void closeExceptionally(Throwable cause) {
        publisher.closeExceptionally(cause);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
