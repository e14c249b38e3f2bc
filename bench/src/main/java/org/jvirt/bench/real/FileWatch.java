package org.jvirt.bench.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Notes when files appear (polled every 250 us on a daemon thread): how the phases of a start
 * are seen from outside, e.g. QEMU's pid file (QEMU is past option parsing) and its monitor socket.
 */
final class FileWatch implements AutoCloseable {
    private final BooleanSupplier[] checks;
    private final long[] seen;
    private final Thread thread;
    private volatile boolean stop;

    FileWatch(Path... paths) {
        this(java.util.Arrays.stream(paths).map(FileWatch::exists).toArray(BooleanSupplier[]::new));
    }

    FileWatch(BooleanSupplier... checks) {
        this.checks = checks.clone();
        this.seen = new long[checks.length];
        thread = new Thread(this::run, "jvbench-watch");
        thread.setDaemon(true);
        thread.start();
    }

    static BooleanSupplier exists(Path p) {
        return () -> Files.exists(p);
    }

    /**
     * Seen once the file has content: a cgroup's {@code tasks} once a thread is in the group
     * (cgroup files report size 0, so it is read).
     */
    static BooleanSupplier filled(Path p) {
        return () -> {
            try {
                return Files.readAllBytes(p).length > 0;
            } catch (IOException e) {
                return false;
            }
        };
    }

    private void run() {
        int left = checks.length;
        while (!stop && left > 0) {
            for (int i = 0; i < checks.length; i++) {
                if (seen[i] == 0 && checks[i].getAsBoolean()) {
                    seen[i] = System.nanoTime();
                    left--;
                }
            }
            LockSupport.parkNanos(250_000);
        }
    }

    /** nanoTime when check {@code i} first held, 0 if never. */
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
