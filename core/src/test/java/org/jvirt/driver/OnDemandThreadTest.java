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
        return thread(name) != null;
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElse(null);
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != state) {
            assertThat(System.nanoTime()).as(thread.getName() + " " + state).isLessThan(deadline);
            Thread.sleep(5);
        }
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

    @Test
    void aTaskThatThrowsGoesToTheUncaughtHandlerAndTheNextTasksStillRun() throws Exception {
        String name = "on-demand-throw-" + System.nanoTime();
        OnDemandThread thread = new OnDemandThread(name);
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        CountDownLatch handlerSet = new CountDownLatch(1);
        thread.execute(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            handlerSet.countDown();
        });
        assertThat(handlerSet.await(10, TimeUnit.SECONDS)).isTrue();
        thread.execute(() -> {
            throw new IllegalStateException("boom");
        });
        thread.execute(() -> {
            throw new AssertionError("bang");
        });
        CountDownLatch after = new CountDownLatch(1);
        thread.execute(after::countDown);
        assertThat(after.await(10, TimeUnit.SECONDS)).as("the task after the throws ran").isTrue();
        assertThat(uncaught).extracting(Throwable::getMessage).containsExactly("boom", "bang");
        thread.shutdown();
    }

    @Test
    void waitsOnAMonitorBetweenTasksAndEndsOnceShutDownAndDrained() throws Exception {
        String name = "on-demand-wait-" + System.nanoTime();
        OnDemandThread thread = new OnDemandThread(name);
        CountDownLatch ran = new CountDownLatch(1);
        thread.execute(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        Thread worker = thread(name);
        assertThat(worker).isNotNull();
        awaitState(worker, Thread.State.WAITING);
        // a pool's worker parks (LockSupport); this one waits in Object.wait
        assertThat(worker.getStackTrace()).anyMatch(
                f -> f.getClassName().equals("java.lang.Object") && f.getMethodName().equals("wait"));

        CountDownLatch release = new CountDownLatch(1);
        List<String> ran2 = new CopyOnWriteArrayList<>();
        thread.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran2.add("first");
        });
        thread.execute(() -> ran2.add("second"));
        thread.shutdown();
        assertThat(worker.isAlive()).as("still running what it was given").isTrue();
        release.countDown();
        worker.join(10_000);
        assertThat(worker.isAlive()).as("ended after the last task").isFalse();
        assertThat(ran2).containsExactly("first", "second");
    }
}
