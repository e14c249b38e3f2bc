package org.jvirt.driver.qemu.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class ReplySlotTest {
    @Test
    void theFirstAnswerStandsAndWakesTheWaiter() throws Exception {
        ReplySlot<String> slot = new ReplySlot<>();
        Thread answer = new Thread(() -> {
            slot.complete("reply");
            slot.fail(new IllegalStateException("late"));
            slot.complete("second");
        });
        answer.start();
        assertThat(slot.await(Duration.ofSeconds(10))).isEqualTo("reply");
        answer.join();
        assertThat(slot.getNow()).isEqualTo("reply");
    }

    @Test
    void aFailureIsThrownAsGivenAndNoAnswerTimesOut() {
        ReplySlot<String> failed = new ReplySlot<>();
        IllegalStateException gone = new IllegalStateException("gone");
        failed.fail(gone);
        assertThatThrownBy(() -> failed.await(Duration.ofSeconds(1))).isSameAs(gone);
        assertThat(failed.getNow()).isNull();

        ReplySlot<String> silent = new ReplySlot<>();
        long start = System.nanoTime();
        assertThatThrownBy(() -> silent.await(Duration.ofMillis(30))).isInstanceOf(TimeoutException.class);
        assertThat(System.nanoTime() - start).as("waited its time").isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
        assertThat(silent.getNow()).isNull();
    }
}
