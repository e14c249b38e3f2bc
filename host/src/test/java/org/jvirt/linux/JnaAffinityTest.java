package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/** Real sched_setaffinity on a thread of this JVM (its own tid from /proc/thread-self). */
class JnaAffinityTest {
    private final JnaAffinity affinity = new JnaAffinity();
    private final ProcFs proc = ProcFs.host();

    @Test
    void setAndGetOnARealThread() throws Exception {
        AtomicLong tid = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                tid.set(Long.parseLong(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self"))
                        .getFileName().toString()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            ready.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        ready.await();
        try {
            CpuSet all = affinity.get(tid.get());
            assertThat(all.size()).isGreaterThanOrEqualTo(1);
            CpuSet first = CpuSet.of(all.first());
            affinity.set(tid.get(), first);
            assertThat(affinity.get(tid.get())).isEqualTo(first);
            long self = ProcessHandle.current().pid();
            assertThat(proc.cpusAllowed(self, tid.get())).isEqualTo(first);
            affinity.set(tid.get(), all);
            assertThat(affinity.get(tid.get())).isEqualTo(all);
        } finally {
            done.countDown();
            t.join();
        }
    }

    @Test
    void errorsNameTheThreadAndTheSet() {
        assertThatThrownBy(() -> affinity.set(1, CpuSet.of(4000)))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR))
                .hasMessageStartingWith("cannot set the affinity of thread 1 to 4000: ");
        assertThatThrownBy(() -> affinity.get(Integer.MAX_VALUE - 1))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_RUNNING))
                .hasMessage("cannot get the affinity of thread " + (Integer.MAX_VALUE - 1) + ": No such process");
        assertThatThrownBy(() -> affinity.set(0, CpuSet.of(0))).hasMessage("0 is not a thread id");
        assertThatThrownBy(() -> affinity.set(5, CpuSet.EMPTY)).isInstanceOf(VirtException.class);
    }
}
