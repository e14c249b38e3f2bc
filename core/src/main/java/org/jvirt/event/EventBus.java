package org.jvirt.event;

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

    public EventBus(Executor executor) {
        this.publisher = new SubmissionPublisher<>(executor, BUFFER);
    }

    public void publish(DomainEvent event) {
        if (!publisher.isClosed()) {
            publisher.offer(event, (subscriber, dropped) -> false);
        }
    }

    public Flow.Publisher<DomainEvent> publisher() {
        return publisher;
    }

    @Override
    public void close() {
        publisher.close();
    }
}
