package org.jvirt.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.jvirt.Domain;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.stats.DomainStats;
import org.jvirt.stats.StatsGroup;
import org.jvirt.stats.StatsSample;
import org.jvirt.stats.VcpuStat;
import org.jvirt.stats.VcpuState;

/**
 * {@link Domain#statsSamples}: each subscription has its own timer thread that asks the domain
 * for its CPU and vCPU statistics every interval while the subscriber has demand, and turns two
 * consecutive readings into each vCPU's CPU time and steal over the interval.
 */
final class StatsSampler implements Flow.Publisher<StatsSample> {
    static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    private static final EnumSet<StatsGroup> GROUPS = EnumSet.of(StatsGroup.STATE, StatsGroup.CPU_TOTAL,
            StatsGroup.VCPU);

    private final Domain domain;
    private final Duration interval;
    private final BooleanSupplier connectionClosed;

    StatsSampler(Domain domain, Duration interval, BooleanSupplier connectionClosed) {
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT,
                    "sampling interval %d ms is below the minimum of %d ms", interval.toMillis(), MIN_INTERVAL.toMillis());
        }
        this.domain = domain;
        this.interval = interval;
        this.connectionClosed = connectionClosed;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StatsSample> subscriber) {
        new Sampling(subscriber).begin();
    }

    private final class Sampling implements Flow.Subscription {
        private final Flow.Subscriber<? super StatsSample> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean done = new AtomicBoolean();
        private final ScheduledExecutorService timer;
        private DomainStats previous;
        private Instant previousAt;

        Sampling(Flow.Subscriber<? super StatsSample> subscriber) {
            this.subscriber = subscriber;
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jvirt-stats-" + domain.name());
                t.setDaemon(true);
                return t;
            });
        }

        void begin() {
            subscriber.onSubscribe(this);
            if (!done.get()) {
                timer.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }

        @Override
        public void cancel() {
            if (done.compareAndSet(false, true)) {
                timer.shutdown();
            }
        }

        private void tick() {
            if (done.get()) {
                return;
            }
            if (connectionClosed.getAsBoolean()) {
                if (done.compareAndSet(false, true)) {
                    timer.shutdown();
                    subscriber.onComplete();
                }
                return;
            }
            if (demand.get() == 0) {
                return;
            }
            DomainStats now;
            try {
                now = domain.stats(GROUPS);
                if (now.cpu().isEmpty()) {
                    throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.CONNECT, "domain '%s' is not running",
                            domain.name());
                }
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            Instant at = Instant.now();
            StatsSample sample = sample(now, at);
            previous = now;
            previousAt = at;
            demand.decrementAndGet();
            subscriber.onNext(sample);
        }

        private StatsSample sample(DomainStats now, Instant at) {
            if (previous == null) {
                return new StatsSample(at, Duration.ZERO, now, List.of());
            }
            Duration elapsed = Duration.between(previousAt, at);
            double nanos = Math.max(1, elapsed.toNanos());
            Map<Integer, VcpuStat> before = new HashMap<>();
            previous.vcpu().ifPresent(v -> v.vcpus().forEach(s -> before.put(s.vcpu(), s)));
            List<StatsSample.VcpuUsage> usage = new ArrayList<>();
            for (VcpuStat s : now.vcpu().map(v -> v.vcpus()).orElse(List.of())) {
                VcpuStat b = before.get(s.vcpu());
                if (s.state() == VcpuState.OFFLINE || b == null || b.state() == VcpuState.OFFLINE) {
                    continue;
                }
                long cpu = Math.max(0, s.timeNs() - b.timeNs());
                long steal = Math.max(0, s.delayNs() - b.delayNs());
                usage.add(new StatsSample.VcpuUsage(s.vcpu(), cpu, steal, cpu / nanos, steal / nanos));
            }
            return new StatsSample(at, elapsed, now, usage);
        }

        private void fail(Throwable t) {
            if (done.compareAndSet(false, true)) {
                timer.shutdown();
                subscriber.onError(t);
            }
        }
    }
}
