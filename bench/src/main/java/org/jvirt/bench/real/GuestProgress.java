package org.jvirt.bench.real;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How far a guest has run: the CPU time of QEMU's vCPU threads (named {@code CPU N/TCG} or
 * {@code CPU N/KVM} with {@code debug-threads=on}), from each thread's schedstat (nanoseconds). On
 * TCG a guest's first milliseconds (its firmware) compete with QEMU's monitor for the CPUs, so a
 * plug "right after the start" is only comparable between guests that ran about as long.
 * <p>
 * Its own walk of /proc rather than {@code ProcFs.threads} and {@code ThreadSchedStats}: the CPU
 * time of this JVM is read right before and after the timed plug, and the work of those reads
 * partly lands in the figure: with their stream, regular expression and sort a run gave 15.3 ms
 * per plug (p10 8.6), with this walk runs gave 9.8-12.0 (p10 4.7-5.8).
 */
final class GuestProgress {
    private GuestProgress() {
    }

    /** The vCPU threads' CPU time of QEMU process {@code pid}, in nanoseconds; -1 when it cannot be read. */
    static long vcpuNanos(long pid) {
        return cpuNanos(pid, true);
    }

    /** The CPU time of every thread of process {@code pid} (the JIT's and the collector's too); -1 when unreadable. */
    static long processNanos(long pid) {
        return cpuNanos(pid, false);
    }

    private static long cpuNanos(long pid, boolean vcpusOnly) {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks) {
                try {
                    if (!vcpusOnly || Files.readString(t.resolve("comm")).startsWith("CPU ")) {
                        String stat = Files.readString(t.resolve("schedstat")).trim();
                        sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /** {@link #vcpuNanos} of the QEMU whose pid file is {@code pidFile}; -1 when it cannot be read. */
    static long vcpuNanos(Path pidFile) {
        try {
            return vcpuNanos(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Waits until the QEMU of {@code pidFile} has run its vCPU threads {@code nanos} (at most 2 s,
     * polling every 0.5 ms); how far it had run then, -1 when it cannot be read.
     */
    static long awaitAtLeast(Path pidFile, long nanos) {
        long ran = vcpuNanos(pidFile);
        long giveUp = System.nanoTime() + 2_000_000_000L;
        while (ran >= 0 && ran < nanos && System.nanoTime() - giveUp < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
            ran = vcpuNanos(pidFile);
        }
        return ran;
    }
}
