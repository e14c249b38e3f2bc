package org.jvirt.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Writes a {@code /proc} below a directory for {@link ProcFs}: processes with their start time,
 * command line, threads and children, and their end (the directory goes, or a zombie stays).
 */
public final class FakeProcFs {
    private final Path root;

    /** A fake procfs mounted at {@code root} (e.g. {@code HostEnvironment.procRoot()}). */
    public FakeProcFs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public ProcFs proc() {
        return new ProcFs(root);
    }

    /** A running process {@code pid} started at {@code startTime}, with {@code cmdline} and its threads (the main one too). */
    public synchronized FakeProcFs process(long pid, long startTime, List<String> cmdline, long... threads) {
        String comm = cmdline.isEmpty() ? "?" : Path.of(cmdline.get(0)).getFileName().toString();
        write(pid + "/stat", stat(pid, comm, 'S', startTime));
        write(pid + "/comm", comm + "\n");
        write(pid + "/cmdline", cmdline.stream().map(a -> a + "\0").collect(Collectors.joining()));
        write(pid + "/cgroup", "0::/\n");
        write(pid + "/task/" + pid + "/children", "");
        for (long tid : LongStream.concat(LongStream.of(pid), LongStream.of(threads)).toArray()) {
            thread(pid, tid, tid == pid ? comm : "thread-" + tid, startTime);
        }
        return this;
    }

    /** Thread {@code tid} of {@code pid}, named {@code name} (what {@code /proc/PID/task/TID/comm} says). */
    public synchronized FakeProcFs thread(long pid, long tid, String name, long startTime) {
        String dir = pid + "/task/" + tid;
        write(dir + "/comm", name + "\n");
        write(dir + "/stat", stat(tid, name, 'S', startTime));
        write(dir + "/cgroup", "0::/\n");
        write(dir + "/status", "Name:\t" + name + "\nCpus_allowed_list:\t0-1023\n");
        return this;
    }

    /** What {@code /proc/PID/task/TID/status} lists as the thread's CPUs. */
    public synchronized FakeProcFs cpusAllowed(long pid, long tid, String list) {
        write(pid + "/task/" + tid + "/status", "Name:\tthread-" + tid + "\nCpus_allowed_list:\t" + list + "\n");
        return this;
    }

    /** The children of {@code pid}'s main thread. */
    public synchronized FakeProcFs children(long pid, long... children) {
        write(pid + "/task/" + pid + "/children",
                LongStream.of(children).mapToObj(Long::toString).collect(Collectors.joining(" ")) + " ");
        return this;
    }

    /** The command line of {@code pid} becomes {@code cmdline} (an exec). */
    public synchronized FakeProcFs exec(long pid, List<String> cmdline) {
        write(pid + "/cmdline", cmdline.stream().map(a -> a + "\0").collect(Collectors.joining()));
        return this;
    }

    /** {@code pid} ended and was reaped: it is gone. */
    public synchronized FakeProcFs exit(long pid) {
        Path dir = root.resolve(Long.toString(pid));
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Whether {@code pid} is listed. */
    public boolean exists(long pid) {
        return Files.exists(root.resolve(Long.toString(pid)));
    }

    /** A stat line: state in field 3, no CPU time, start time in field 22, last CPU 0 in field 39. */
    private static String stat(long pid, String comm, char state, long startTime) {
        StringBuilder b = new StringBuilder().append(pid).append(" (").append(comm).append(") ").append(state);
        for (int field = 4; field <= 44; field++) {
            b.append(' ').append(field == 22 ? startTime : field == 20 ? 1 : 0);
        }
        return b.append('\n').toString();
    }

    private void write(String relative, String content) {
        Path p = root.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
