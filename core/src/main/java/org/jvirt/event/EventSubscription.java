package org.jvirt.event;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's bounded buffer and its delivery: every signal to the subscriber comes from a
 * drain task on the executor, one drain at a time (the {@code work} counter), so the subscriber
 * sees its signals one after another, as {@link Flow} requires.
 */
final class EventSubscription implements Flow.Subscription {
    /** Events handed over per drain before the executor serves other subscribers. */
    private static final int BATCH = 64;
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);

    private final Flow.Subscriber<? super DomainEvent> subscriber;
    private final int capacity;
    private final Executor executor;
    private final Consumer<EventSubscription> onEnd;
    private final AtomicInteger work = new AtomicInteger();

    // guarded by this
    private final ArrayDeque<DomainEvent> buffer = new ArrayDeque<>();
    private long demand;
    private long missed;
    private boolean completing;
    private Throwable failure;
    private boolean subscribed;
    private boolean ended;
    private RuntimeException badRequest;

    EventSubscription(Flow.Subscriber<? super DomainEvent> subscriber, int capacity, Executor executor,
                      Consumer<EventSubscription> onEnd) {
        this.subscriber = subscriber;
        this.capacity = capacity;
        this.executor = executor;
        this.onEnd = onEnd;
    }

    /** Schedules {@code onSubscribe}. */
    void start() {
        schedule();
    }

    /** Buffers an event; a full buffer counts it as missed, and so every event after it. */
    void offer(DomainEvent event) {
        synchronized (this) {
            if (ended || completing) {
                return;
            }
            if (missed > 0 || buffer.size() >= capacity) {
                missed++;
                return;
            }
            buffer.add(event);
        }
        schedule();
    }

    /** Delivers what is buffered, then {@code onComplete}. */
    void complete() {
        synchronized (this) {
            completing = true;
        }
        schedule();
    }

    /** Delivers what is buffered, then {@code onError(cause)}. */
    void fail(Throwable cause) {
        synchronized (this) {
            completing = true;
            failure = cause;
        }
        schedule();
    }

    @Override
    public void request(long n) {
        synchronized (this) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request(" + n + "): the number of events must be positive");
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
        }
        schedule();
    }

    @Override
    public void cancel() {
        synchronized (this) {
            ended = true;
            buffer.clear();
        }
        onEnd.accept(this);
    }

    private void schedule() {
        if (work.getAndIncrement() == 0) {
            submit(1);
        }
    }

    private void submit(int pending) {
        try {
            executor.execute(() -> drain(pending));
        } catch (RejectedExecutionException e) {
            end();
        }
    }

    /** Runs while {@code work} is above zero, so never twice at once; {@code pending} is what it owes. */
    private void drain(int pending) {
        try {
            while (true) {
                if (!subscribedYet()) {
                    subscriber.onSubscribe(this);
                }
                int sent = 0;
                DomainEvent next;
                while ((next = take()) != null) {
                    subscriber.onNext(next);
                    if (++sent == BATCH) {
                        // more may be waiting: let the executor serve the other subscribers first
                        submit(pending);
                        return;
                    }
                }
                finishIfDue();
                pending = work.addAndGet(-pending);
                if (pending == 0) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            // a subscriber that throws breaks the Flow contract: it gets nothing more
            end();
            LOG.warn("event subscriber {} threw; its subscription ended", subscriber, e);
        }
    }

    private synchronized boolean subscribedYet() {
        boolean was = subscribed;
        subscribed = true;
        return was || ended;
    }

    private synchronized DomainEvent take() {
        if (ended || badRequest != null || demand == 0 || buffer.isEmpty()) {
            return null;
        }
        demand--;
        return buffer.poll();
    }

    /** Once the buffer is drained: the error of a bad request or of a gap, or the completion. */
    private void finishIfDue() {
        Runnable last;
        synchronized (this) {
            if (ended) {
                return;
            }
            if (badRequest != null) {
                RuntimeException e = badRequest;
                last = () -> subscriber.onError(e);
            } else if (!buffer.isEmpty()) {
                return;
            } else if (missed > 0) {
                long count = missed;
                last = () -> subscriber.onError(new EventsMissedException(count, capacity));
            } else if (completing && failure != null) {
                Throwable cause = failure;
                last = () -> subscriber.onError(cause);
            } else if (completing) {
                last = subscriber::onComplete;
            } else {
                return;
            }
            ended = true;
        }
        onEnd.accept(this);
        last.run();
    }

    private void end() {
        synchronized (this) {
            ended = true;
        }
        onEnd.accept(this);
    }
}
