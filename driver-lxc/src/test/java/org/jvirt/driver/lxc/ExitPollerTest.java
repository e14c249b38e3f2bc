package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ExitPollerTest {
    @Test
    void aPollRunsAfterItsDelayAndMayScheduleTheNext() throws Exception {
        ExitPoller poller = new ExitPoller("test-watch");
        CountDownLatch three = new CountDownLatch(3);
        AtomicInteger runs = new AtomicInteger();
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            runs.incrementAndGet();
            three.countDown();
            if (three.getCount() > 0) {
                poller.schedule(poll[0], 5);
            }
        };
        long t0 = System.nanoTime();
        poller.schedule(poll[0], 20);
        assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        assertThat(runs.get()).isEqualTo(3);
        poller.close();
    }

    @Test
    void closingDropsWhatWasNotRunAndRefusesMore() throws Exception {
        ExitPoller poller = new ExitPoller("test-watch");
        AtomicInteger runs = new AtomicInteger();
        poller.schedule(runs::incrementAndGet, 200);
        poller.close();
        assertThatThrownBy(() -> poller.schedule(runs::incrementAndGet, 0)).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("test-watch");
        Thread.sleep(400);
        assertThat(runs.get()).isZero();
    }

    @Test
    void nothingScheduledMakesNoThread() {
        ExitPoller poller = new ExitPoller("test-watch-none-" + ProcessHandle.current().pid());
        poller.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-watch-none-"
                + ProcessHandle.current().pid()));
    }
}
