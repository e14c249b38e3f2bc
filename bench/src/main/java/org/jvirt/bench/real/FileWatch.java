package org.jvirt.bench.real;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Notes when files appear (polled every 250 us on a daemon thread): how the phases of a start
 * are seen from outside, e.g. QEMU's pid file (QEMU is past option parsing) and its monitor socket.
 */
final class FileWatch implements AutoCloseable {
    private final Path[] paths;
    private final long[] seen;
    private final Thread thread;
    private volatile boolean stop;

    FileWatch(Path... paths) {
        this.paths = paths.clone();
        this.seen = new long[paths.length];
        thread = new Thread(this::run, "jvbench-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int left = paths.length;
        while (!stop && left > 0) {
            for (int i = 0; i < paths.length; i++) {
                if (seen[i] == 0 && Files.exists(paths[i])) {
                    seen[i] = System.nanoTime();
                    left--;
                }
            }
            LockSupport.parkNanos(250_000);
        }
    }

    /** nanoTime when path {@code i} was first seen, 0 if never. */
    long seen(int i) throws InterruptedException {
        stop = true;
        thread.join();
        return seen[i];
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
    }
}
