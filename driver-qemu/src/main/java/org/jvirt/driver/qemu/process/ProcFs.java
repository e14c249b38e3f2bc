package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jvirt.model.CpuSet;

/**
 * What the driver reads from /proc about QEMU's process and threads, below a root path
 * ({@code /} on a host, a temp dir in tests). Missing process or thread: empty results.
 *
 * <p>Interim seam of driver-qemu: core's {@code org.jvirt.linux.ProcFs} replaces it when it lands.
 */
public final class ProcFs {
    /** USER_HZ on Linux (fixed at 100 for every architecture jvirt runs on). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Path proc;

    public ProcFs(Path root) {
        this.proc = root.resolve("proc");
    }

    public static ProcFs host() {
        return new ProcFs(Path.of("/"));
    }

    public boolean alive(long pid) {
        return stat(pid, pid).map(s -> s.state() != 'Z' && s.state() != 'X').orElse(false);
    }

    /** Thread ids of {@code pid}, ascending; empty when it is gone. */
    public List<Long> threads(long pid) {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(proc.resolve(Long.toString(pid)).resolve("task"))) {
            s.forEach(p -> {
                try {
                    out.add(Long.parseLong(p.getFileName().toString()));
                } catch (NumberFormatException ignored) {
                    // not a task directory
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    public Optional<String> comm(long pid, long tid) {
        return read(task(pid, tid).resolve("comm")).map(String::strip);
    }

    /** {@code Cpus_allowed_list} of the thread's status file. */
    public Optional<CpuSet> cpusAllowed(long pid, long tid) {
        return read(task(pid, tid).resolve("status")).flatMap(text -> text.lines()
                .filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> CpuSet.parse(l.substring(l.indexOf(':') + 1).strip(), "Cpus_allowed_list"))
                .findFirst());
    }

    /** The thread's cgroup path in the v1 hierarchy of {@code controller} (or v2 when "" is given). */
    public Optional<String> cgroup(long pid, long tid, String controller) {
        return read(task(pid, tid).resolve("cgroup")).flatMap(text -> text.lines().map(l -> l.split(":", 3))
                .filter(f -> f.length == 3 && (controller.isEmpty() ? f[1].isEmpty()
                        : List.of(f[1].split(",")).contains(controller)))
                .map(f -> f[2]).findFirst());
    }

    /** Fields of /proc/PID/task/TID/stat that the driver uses. */
    public record Stat(char state, long cpuTimeNanos, long startTicks, int lastCpu) {
    }

    public Optional<Stat> stat(long pid, long tid) {
        Path f = pid == tid ? proc.resolve(Long.toString(pid)).resolve("stat") : task(pid, tid).resolve("stat");
        return read(f).flatMap(ProcFs::parseStat);
    }

    static Optional<Stat> parseStat(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = text.substring(close + 2).strip().split(" ");
        // f[0] is field 3 (state); field n is f[n - 3]
        try {
            long utime = Long.parseLong(f[14 - 3]);
            long stime = Long.parseLong(f[15 - 3]);
            return Optional.of(new Stat(f[0].charAt(0), (utime + stime) * NANOS_PER_TICK,
                    Long.parseLong(f[22 - 3]), Integer.parseInt(f[39 - 3])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The process start time (clock ticks since boot): with the pid, identifies one process. */
    public Optional<Long> startTime(long pid) {
        return stat(pid, pid).map(Stat::startTicks);
    }

    /** The NUL-separated command line. */
    public List<String> cmdline(long pid) {
        return read(proc.resolve(Long.toString(pid)).resolve("cmdline"))
                .map(s -> s.isEmpty() ? List.<String>of() : List.of(s.split("\0"))).orElse(List.of());
    }

    /** Every process id. */
    public List<Long> pids() {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(proc)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                    out.add(Long.parseLong(n));
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    private Path task(long pid, long tid) {
        return proc.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid));
    }

    private static Optional<String> read(Path f) {
        try {
            return Optional.of(Files.readString(f));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
