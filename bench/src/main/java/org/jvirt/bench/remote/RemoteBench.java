package org.jvirt.bench.remote;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;

/**
 * End-to-end runs of the remote driver against a real libvirtd (bench/scripts/remote-bench.sh
 * runs them beside their peers):
 *
 * <pre>
 * throughput URI DOMAIN CALLS THREADS   CALLS calls (half GET_XML_DESC, half GET_INFO) on one
 *                                       connection from THREADS threads; prints calls/s
 * connections URI N                     N idle connections from this JVM: heap and threads per connection
 * </pre>
 */
public final class RemoteBench {
    /** Calls before the measured ones, for jvirt and for the python peer alike. */
    static final int WARM_UP = 20000;

    private RemoteBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "throughput" -> throughput(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "connections" -> connections(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("throughput URI DOMAIN CALLS THREADS | connections URI N");
        }
    }

    private static void throughput(String uri, String name, int calls, int threads) throws Exception {
        try (Connection c = Jvirt.connect(uri)) {
            Domain d = c.lookupByName(name);
            run(d, WARM_UP, threads); // warm-up: the JIT compiles the call path (the peer gets the same)
            long cpu0 = processCpuNanos();
            long ns = run(d, calls, threads);
            long cpu = processCpuNanos() - cpu0;
            System.out.printf("jvirt-remote threads=%d calls=%d seconds=%.3f calls_per_s=%.0f client_cpu_us_per_call=%.1f%n",
                    threads, calls, ns / 1e9, calls / (ns / 1e9), cpu / 1e3 / calls);
        }
    }

    /** {@code calls} calls split over {@code threads} threads, alternating GET_XML_DESC and GET_INFO. */
    private static long run(Domain d, int calls, int threads) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        AtomicLong sink = new AtomicLong();
        int pairs = calls / 2 / threads;
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long local = 0;
                for (int i = 0; i < pairs; i++) {
                    local += d.xml().length();
                    local += d.info().vcpus();
                }
                sink.addAndGet(local);
            });
            w.start();
            workers.add(w);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        long ns = System.nanoTime() - t0;
        if (sink.get() == 0) {
            throw new IllegalStateException("no work done");
        }
        return ns;
    }

    /** CPU time of this process (every thread: callers, I/O, JIT, GC), as the kernel counts it. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void connections(String uri, int n) throws Exception {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (Connection warm = Jvirt.connect(uri)) {
            warm.hostname();
        }
        long before = usedAfterGc(mem);
        int threadsBefore = Thread.activeCount();
        List<Connection> open = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            open.add(Jvirt.connect(uri));
        }
        long openNs = System.nanoTime() - t0;
        long after = usedAfterGc(mem);
        int threadsAfter = Thread.activeCount();
        for (Connection c : open) {
            c.hostname(); // every one of them still answers
        }
        System.out.printf("jvirt-remote connections=%d open_seconds=%.2f heap_per_connection_bytes=%d threads_before=%d "
                + "threads_after=%d%n", n, openNs / 1e9, (after - before) / n, threadsBefore, threadsAfter);
        for (Connection c : open) {
            c.close();
        }
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
