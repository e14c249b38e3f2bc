package org.jvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class OnDemandThreadTest {
    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name));
    }

    @Test
    void makesItsThreadAtTheFirstTaskRunsTasksInOrderAndTakesNoneAfterShutdown() throws Exception {
        String name = "on-demand-test-" + System.nanoTime();
        OnDemandThread thread = new OnDemandThread(name);
        assertThat(threadNamed(name)).as("no thread before a task").isFalse();

        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            String task = "t" + i;
            thread.execute(() -> {
                ran.add(task + "@" + Thread.currentThread().getName() + "@" + Thread.currentThread().isDaemon());
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(ran.get(i)).isEqualTo("t" + i + "@" + name + "@true");
        }

        thread.shutdown();
        assertThatThrownBy(() -> thread.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining(name);
        OnDemandThread unused = new OnDemandThread(name + "-unused");
        unused.shutdown();
        assertThatThrownBy(() -> unused.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(threadNamed(name + "-unused")).isFalse();
    }
}
