package org.jvirt.driver.remote.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** A calling thread's selector outlives no thread: short-lived callers leak no descriptors. */
class CallerSelectorTest {
    private static long epollDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains("eventpoll");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void theSelectorsOfEndedThreadsAreClosed() throws Exception {
        long before = epollDescriptors();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Thread t = new Thread(() -> CallerSelector.get().buffer());
            t.start();
            callers.add(t);
        }
        for (Thread t : callers) {
            t.join();
        }
        assertThat(epollDescriptors()).as("one selector per thread that called").isGreaterThanOrEqualTo(before + 20);
        callers.clear();
        long end = System.nanoTime() + 20_000_000_000L;
        while (epollDescriptors() > before + 2 && System.nanoTime() < end) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(epollDescriptors()).as("closed once their threads are gone").isLessThanOrEqualTo(before + 2);
    }
}
