package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver connection with hostname() held at a gate, counting how many wait there at once, and
 * noting which threads ran each of its methods.
 */
final class GatedHostname {
    private final java.util.Map<String, java.util.Set<String>> threads = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    org.jvirt.Connection around(org.jvirt.Connection real) {
        return (org.jvirt.Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {org.jvirt.Connection.class}, (proxy, m, args) -> {
                    threads.computeIfAbsent(m.getName(), k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                            .add(Thread.currentThread().getName());
                    if (m.getName().equals("hostname")) {
                        calls.incrementAndGet();
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
                        } finally {
                            running.decrementAndGet();
                        }
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    void awaitRunning(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (running.get() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(running.get()).isEqualTo(n);
    }

    /** The names of the threads that ran {@code method} of the connection. */
    java.util.Set<String> threadsOf(String method) {
        return threads.getOrDefault(method, java.util.Set.of());
    }

    int running() {
        return running.get();
    }

    int mostAtOnce() {
        return most.get();
    }

    int calls() {
        return calls.get();
    }

    void open() {
        gate.countDown();
    }
}
