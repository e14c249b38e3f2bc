package org.jvirt.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the scheduler says of one thread: {@code /proc/PID/task/TID/schedstat} (time on a CPU,
 * time runnable but waiting for one, in nanoseconds), {@code sched}'s {@code wait_sum} where the
 * kernel keeps schedule statistics, and a process's resident memory ({@code VmRSS}).
 */
public final class ThreadSchedStats {
    /** Nanoseconds on a CPU and waiting on a run queue. */
    public record SchedStat(long runNs, long runDelayNs) {
    }

    private final Path proc;

    public ThreadSchedStats(Path procRoot) {
        this.proc = procRoot;
    }

    private Path taskDir(long pid, long tid) {
        return pid == tid ? proc.resolve(Long.toString(pid)) : proc.resolve(pid + "/task/" + tid);
    }

    /** Empty when the thread is gone. */
    public Optional<SchedStat> schedstat(long pid, long tid) {
        return read(taskDir(pid, tid).resolve("schedstat")).flatMap(text -> {
            String[] f = text.trim().split("\\s+");
            try {
                return Optional.of(new SchedStat(Long.parseLong(f[0]), Long.parseLong(f[1])));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** {@code se.statistics.wait_sum} of {@code sched} in nanoseconds (the file shows milliseconds); empty without it. */
    public OptionalLong waitSum(long pid, long tid) {
        Optional<String> text = read(taskDir(pid, tid).resolve("sched"));
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        for (String line : text.get().split("\n")) {
            String[] kv = line.split(":", 2);
            if (kv.length == 2 && kv[0].trim().equals("se.statistics.wait_sum")) {
                try {
                    return OptionalLong.of(Math.round(Double.parseDouble(kv[1].trim()) * 1_000_000));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** VmRSS of {@code /proc/PID/status} in KiB; empty when gone. */
    public OptionalLong rssKiB(long pid) {
        Optional<String> text = read(proc.resolve(pid + "/status"));
        if (text.isPresent()) {
            for (String line : text.get().split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    try {
                        return OptionalLong.of(Long.parseLong(line.substring(6).trim().split("\\s+")[0]));
                    } catch (NumberFormatException e) {
                        return OptionalLong.empty();
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
