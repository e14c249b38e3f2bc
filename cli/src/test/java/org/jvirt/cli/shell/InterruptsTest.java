package org.jvirt.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Ctrl-C ends a wait, is held for the next wait of the same line, and never leaks further. */
class InterruptsTest {
    @Test
    void aWaitEndsWhenInterrupted() throws Exception {
        Interrupts interrupts = new Interrupts();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread presser = new Thread(() -> {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                return;
            }
            interrupts.interrupt();
        });
        presser.start();
        assertThatThrownBy(() -> interrupts.during(() -> {
            waiting.countDown();
            return new CountDownLatch(1).await(60, TimeUnit.SECONDS);
        })).isInstanceOf(InterruptedException.class);
        presser.join();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aCtrlCBeforeTheWaitEndsItAtOnceButNotAfterAReset() throws Exception {
        Interrupts interrupts = new Interrupts();
        interrupts.interrupt();
        assertThatThrownBy(() -> interrupts.during(() -> "never")).isInstanceOf(InterruptedException.class);
        assertThat(interrupts.during(() -> "second wait runs")).isEqualTo("second wait runs");
        interrupts.interrupt();
        interrupts.reset();
        assertThat(interrupts.during(() -> "next line")).isEqualTo("next line");
    }

    @Test
    void nothingOutsideAWaitIsInterrupted() throws Exception {
        Interrupts interrupts = new Interrupts();
        interrupts.during(() -> null);
        interrupts.interrupt();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        interrupts.reset();
    }
}
