package org.jvirt.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jvirt.error.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final EventBus bus = new EventBus(executor);

    @AfterEach
    void stop() throws InterruptedException {
        bus.close();
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static DomainEvent event(int i) {
        return new DomainEvent.Defined("d" + i, new UUID(0, i), false);
    }

    @Test
    void everySubscriberGetsEveryEventInOrderThenCompletion() throws Exception {
        Recorder a = new Recorder(Long.MAX_VALUE);
        Recorder b = new Recorder(1);
        bus.publisher().subscribe(a);
        bus.publisher(600).subscribe(b);
        a.subscribed.await(5, TimeUnit.SECONDS);
        b.subscribed.await(5, TimeUnit.SECONDS);
        for (int i = 0; i < 500; i++) {
            bus.publish(event(i));
            if (i % 7 == 0) {
                Thread.sleep(0, 1000);
            }
        }
        bus.close();
        a.await();
        b.await();
        assertThat(a.names()).hasSize(500).startsWith("d0", "d1").endsWith("d499");
        assertThat(b.names()).isEqualTo(a.names());
        assertThat(a.error.get()).isNull();
        assertThat(a.completed).isTrue();
    }

    @Test
    void aSubscriberThatFallsBehindGetsWhatWasBufferedThenHowManyItMissed() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder(Long.MAX_VALUE) {
            @Override
            public void onNext(DomainEvent e) {
                super.onNext(e);
                if (received.size() == 1) {
                    inFirst.countDown();
                    await(release);
                }
            }
        };
        Recorder fast = new Recorder(Long.MAX_VALUE);
        bus.publisher(4).subscribe(slow);
        bus.publisher().subscribe(fast);
        slow.subscribed.await(5, TimeUnit.SECONDS);
        fast.subscribed.await(5, TimeUnit.SECONDS);

        bus.publish(event(0));
        assertThat(inFirst.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 10; i++) {
            bus.publish(event(i));
        }
        release.countDown();
        slow.await();

        assertThat(slow.names()).containsExactly("d0", "d1", "d2", "d3", "d4");
        assertThat(slow.error.get()).isInstanceOf(EventsMissedException.class);
        EventsMissedException missed = (EventsMissedException) slow.error.get();
        assertThat(missed.missed()).isEqualTo(5);
        assertThat(missed.capacity()).isEqualTo(4);
        assertThat(missed.code()).isEqualTo(ErrorCode.EVENTS_MISSED);
        assertThat(missed.getMessage()).contains("5 events missed", "buffer of 4");

        // the others are not short-changed, and the ended subscription takes no more events
        bus.publish(event(10));
        bus.close();
        fast.await();
        assertThat(fast.names()).hasSize(11);
        assertThat(slow.names()).hasSize(5);
    }

    @Test
    void eventsWaitForDemand() throws Exception {
        Recorder r = new Recorder(0);
        bus.publisher(3).subscribe(r);
        r.subscribed.await(5, TimeUnit.SECONDS);
        bus.publish(event(0));
        bus.publish(event(1));
        Thread.sleep(50);
        assertThat(r.names()).isEmpty();
        r.subscription.request(1);
        r.waitFor(1);
        assertThat(r.names()).containsExactly("d0");
        r.subscription.request(5);
        r.waitFor(2);
        assertThat(r.names()).containsExactly("d0", "d1");
    }

    @Test
    void aNonPositiveRequestEndsTheSubscriptionWithAnError() throws Exception {
        Recorder r = new Recorder(0);
        bus.publisher().subscribe(r);
        r.subscribed.await(5, TimeUnit.SECONDS);
        r.subscription.request(0);
        r.await();
        assertThat(r.error.get()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubscriberThatThrowsGetsNothingMoreAndTheOthersCarryOn() throws Exception {
        Recorder thrower = new Recorder(Long.MAX_VALUE) {
            @Override
            public void onNext(DomainEvent e) {
                super.onNext(e);
                throw new IllegalStateException("boom");
            }
        };
        Recorder other = new Recorder(Long.MAX_VALUE);
        bus.publisher().subscribe(thrower);
        bus.publisher().subscribe(other);
        thrower.subscribed.await(5, TimeUnit.SECONDS);
        other.subscribed.await(5, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            bus.publish(event(i));
        }
        bus.close();
        other.await();
        assertThat(other.names()).hasSize(3);
        thrower.waitFor(1);
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS); // whatever was queued for it has run
        assertThat(thrower.names()).containsExactly("d0");
        assertThat(thrower.completed).isFalse();
    }

    @Test
    void cancelStopsDelivery() throws Exception {
        Recorder r = new Recorder(Long.MAX_VALUE);
        bus.publisher().subscribe(r);
        r.subscribed.await(5, TimeUnit.SECONDS);
        bus.publish(event(0));
        r.waitFor(1);
        r.subscription.cancel();
        bus.publish(event(1));
        bus.close();
        Thread.sleep(50);
        assertThat(r.names()).containsExactly("d0");
        assertThat(r.completed).isFalse();
    }

    @Test
    void aSubscriberAfterCloseIsCompletedAtOnce() throws Exception {
        bus.close();
        Recorder r = new Recorder(Long.MAX_VALUE);
        bus.publisher().subscribe(r);
        r.await();
        assertThat(r.completed).isTrue();
    }

    @Test
    void aFailedStreamDeliversWhatWasBufferedThenTheCauseToEverySubscriberAndLaterOnes() throws Exception {
        Recorder r = new Recorder(Long.MAX_VALUE);
        bus.publisher().subscribe(r);
        r.subscribed.await(5, TimeUnit.SECONDS);
        bus.publish(event(0));
        IllegalStateException lost = new IllegalStateException("connection lost");
        bus.closeExceptionally(lost);
        r.await();
        assertThat(r.names()).containsExactly("d0");
        assertThat(r.error.get()).isSameAs(lost);
        Recorder late = new Recorder(Long.MAX_VALUE);
        bus.publisher().subscribe(late);
        late.await();
        assertThat(late.error.get()).isSameAs(lost);
    }

    @Test
    void subscribeListenersRunOnTheSubscribingThreadFirst() throws Exception {
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        bus.onSubscribe(() -> calls.add(Thread.currentThread().getName()));
        Recorder r = new Recorder(Long.MAX_VALUE);
        bus.publisher().subscribe(r);
        assertThat(calls).containsExactly(Thread.currentThread().getName());
        bus.onSubscribe(() -> {
            throw new IllegalStateException("cannot register");
        });
        assertThatThrownBy(() -> bus.publisher().subscribe(new Recorder(1))).hasMessage("cannot register");
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> bus.publisher(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    /**
     * Seeded random producers, capacities and subscriber speeds: every subscriber receives each
     * producer's events in order, no event twice, and what it received plus what it was told it
     * missed is every event published.
     */
    @Test
    void nothingIsLostWithoutBeingCounted() throws Exception {
        long seed = Long.getLong("jvirt.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 20; round++) {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            EventBus b = new EventBus(ex);
            List<Recorder> subs = new ArrayList<>();
            for (int s = 0; s < 1 + random.nextInt(4); s++) {
                int pause = random.nextInt(3) == 0 ? 1 : 0;
                Recorder r = new Recorder(random.nextBoolean() ? Long.MAX_VALUE : 1) {
                    @Override
                    public void onNext(DomainEvent e) {
                        super.onNext(e);
                        if (pause > 0) {
                            try {
                                Thread.sleep(0, 200_000);
                            } catch (InterruptedException ie) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                };
                b.publisher(1 + random.nextInt(64)).subscribe(r);
                r.subscribed.await(5, TimeUnit.SECONDS);
                subs.add(r);
            }
            int producers = 1 + random.nextInt(4);
            int perProducer = 50 + random.nextInt(300);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        b.publish(new DomainEvent.Defined("p" + id, new UUID(id, i), false));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            b.close();
            for (Recorder r : subs) {
                r.await();
                long total = (long) producers * perProducer;
                if (r.error.get() == null) {
                    assertThat(r.completed).as("seed %d", seed).isTrue();
                    assertThat(r.received).as("seed %d", seed).hasSize((int) total);
                } else {
                    // it received everything up to its gap and was told of the rest up to its end
                    assertThat(r.error.get()).as("seed %d", seed).isInstanceOf(EventsMissedException.class);
                    long missed = ((EventsMissedException) r.error.get()).missed();
                    assertThat(missed).as("seed %d", seed).isPositive();
                    assertThat(r.received.size() + missed).as("seed %d", seed).isLessThanOrEqualTo(total);
                }
                // each producer's events arrive in order, none twice, with no hole before the gap
                long[] next = new long[producers];
                for (DomainEvent e : r.received) {
                    int p = (int) e.uuid().getMostSignificantBits();
                    assertThat(e.uuid().getLeastSignificantBits()).as("seed %d: producer %d", seed, p)
                            .isEqualTo(next[p]++);
                }
            }
            ex.shutdown();
        }
    }

    /** Records what a subscriber was told; requests {@code initial} at subscription. */
    static class Recorder implements Flow.Subscriber<DomainEvent> {
        final List<DomainEvent> received = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch subscribed = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        volatile boolean completed;
        volatile Flow.Subscription subscription;
        private final long initial;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
            subscribed.countDown();
        }

        @Override
        public void onNext(DomainEvent e) {
            received.add(e);
            if (initial == 1) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
            ended.countDown();
        }

        @Override
        public void onComplete() {
            completed = true;
            ended.countDown();
        }

        List<String> names() {
            synchronized (received) {
                return received.stream().map(DomainEvent::name).toList();
            }
        }

        void await() throws InterruptedException {
            assertThat(ended.await(10, TimeUnit.SECONDS)).as("subscription ended").isTrue();
        }

        void waitFor(int n) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (received.size() < n && System.nanoTime() < end) {
                Thread.sleep(1);
            }
        }

        static void await(CountDownLatch latch) {
            try {
                latch.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
