package org.jvirt.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/**
 * Reads process and thread facts from a procfs tree ({@code /proc} on a host, a temp dir in
 * tests). A process that does not exist gives {@code NOT_RUNNING} (except {@link #startTime},
 * {@link #isAlive}, {@link #isRunning}, {@link #isSameProcess}, {@link #stat}, {@link #pids} and
 * {@link #cmdline}, which answer); other failures are {@code SYSTEM_ERROR} naming the file.
 * {@link #ifReadable} turns any read into an answer, for threads that may exit while being read.
 */
public final class ProcFs {
    /** USER_HZ on Linux (fixed at 100 for every architecture jvirt runs on). */
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** The first read of a command line: most are shorter (QEMU's about 3 KiB). */
    private static final int CMDLINE_READ = 16 * 1024;

    private final Path root;

    /** {@code root}: the procfs mount, e.g. {@code Path.of("/proc")}. */
    public ProcFs(Path root) {
        this.root = root;
    }

    /** The host's {@code /proc}. */
    public static ProcFs host() {
        return new ProcFs(Path.of("/proc"));
    }

    public Path root() {
        return root;
    }

    private Path pidDir(long pid) {
        return root.resolve(Long.toString(pid));
    }

    private Path taskDir(long pid, long tid) {
        return pidDir(pid).resolve("task").resolve(Long.toString(tid));
    }

    /**
     * The process and thread ids of the calling thread, from the {@code thread-self} link
     * ({@code PID/task/TID}); empty when there is none (not Linux, or an old kernel).
     */
    public Optional<long[]> threadSelf() {
        try {
            String[] parts = Files.readSymbolicLink(root.resolve("thread-self")).toString().split("/");
            if (parts.length == 3 && parts[1].equals("task")) {
                return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[2])});
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            // no such link: the caller does without
        }
        return Optional.empty();
    }

    /** Thread ids of {@code pid} (/proc/PID/task), ascending. */
    public List<Long> threads(long pid) {
        Path dir = pidDir(pid).resolve("task");
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{1,18}")).map(Long::parseLong)
                    .sorted().toList();
        } catch (NoSuchFileException e) {
            throw gone(pid, e);
        } catch (IOException e) {
            throw error("cannot list " + dir, e);
        }
    }

    /** A thread's name (/proc/PID/task/TID/comm), e.g. {@code CPU 0/KVM}. */
    public String threadName(long pid, long tid) {
        String comm = read(taskDir(pid, tid).resolve("comm"), pid);
        return comm.endsWith("\n") ? comm.substring(0, comm.length() - 1) : comm;
    }

    /** {@code Cpus_allowed_list} of a thread (/proc/PID/task/TID/status). */
    public CpuSet cpusAllowed(long pid, long tid) {
        Path status = taskDir(pid, tid).resolve("status");
        String list = statusValue(read(status, pid), "Cpus_allowed_list:");
        if (list == null) {
            throw error(status + " has no Cpus_allowed_list line", null);
        }
        try {
            return CpuSet.parseAllowingEmpty(list, status.toString(), Integer.MAX_VALUE);
        } catch (VirtException e) {
            throw error(status + ": invalid Cpus_allowed_list '" + list + "'", e);
        }
    }

    /** The real user and group ids of a process. */
    public record Ids(long uid, long gid) {
    }

    /** This process's real user and group ids: the first ids of the Uid and Gid lines of self/status. */
    public Ids selfIds() {
        Path status = root.resolve("self").resolve("status");
        String text;
        try {
            text = Files.readString(status, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw error("cannot read " + status + ": " + IoReason.of(e), e);
        }
        return new Ids(firstId(text, "Uid:", status), firstId(text, "Gid:", status));
    }

    private static long firstId(String text, String key, Path where) {
        String ids = statusValue(text, key);
        if (ids == null || ids.isEmpty()) {
            throw error(where + " has no " + key + " line", null);
        }
        int end = 0;
        while (end < ids.length() && !Character.isWhitespace(ids.charAt(end))) {
            end++;
        }
        return parseId(ids.substring(0, end), where);
    }

    /**
     * The value of the line {@code key} of a status file, trimmed; null without one. Found
     * rather than split into lines: a thread's status has 55 of them, and a one-shot command
     * reads one line of a few.
     */
    static String statusValue(String text, String key) {
        // where "\n" + key is in "\n" + text is where the line starts in text
        int at = ("\n" + text).indexOf("\n" + key);
        if (at < 0) {
            return null;
        }
        int end = text.indexOf('\n', at);
        return text.substring(at + key.length(), end < 0 ? text.length() : end).trim();
    }

    /**
     * The start time of {@code pid} in clock ticks since boot (/proc/PID/stat field 22), or
     * empty when there is no such process. The command name (field 2) may hold spaces and
     * parentheses: the fields after it are found after the LAST ')'.
     */
    public OptionalLong startTime(long pid) {
        Path stat = pidDir(pid).resolve("stat");
        String text;
        try {
            text = Files.readString(stat, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            // ESRCH while reading: the process exited between open and read
            return OptionalLong.empty();
        }
        return OptionalLong.of(parseStartTime(text, stat));
    }

    static long parseStartTime(String text, Path where) {
        String[] f = StatFields.of(text, 22);
        if (f == null) {
            throw error(where + ": no ')' after the command name", null);
        }
        if (f[0] == null) {
            throw error(where + ": only " + StatFields.count(text) + " fields, field 22 (starttime) missing", null);
        }
        try {
            return Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
            throw error(where + ": field 22 (starttime) '" + f[0] + "' is not a number", e);
        }
    }

    /** Whether a process {@code pid} exists. */
    public boolean isAlive(long pid) {
        return startTime(pid).isPresent();
    }

    /** Whether {@code pid} exists AND is the process that started at {@code startTime} (not a reused pid). */
    public boolean isSameProcess(long pid, long startTime) {
        OptionalLong now = startTime(pid);
        return now.isPresent() && now.getAsLong() == startTime;
    }

    /** Whether {@code pid} exists and is neither a zombie nor dead (stat state {@code Z} or {@code X}). */
    public boolean isRunning(long pid) {
        return stat(pid, pid).map(s -> s.state() != 'Z' && s.state() != 'X').orElse(false);
    }

    /** Fields of /proc/PID/task/TID/stat: state, user and system CPU time, start time, last CPU. */
    public record Stat(char state, long userNanos, long systemNanos, long startTime, int lastCpu) {
        /** User plus system CPU time. */
        public long cpuTimeNanos() {
            return userNanos + systemNanos;
        }
    }

    /** The stat of thread {@code tid} of {@code pid} (of the process when they are equal); empty when gone or unreadable. */
    public Optional<Stat> stat(long pid, long tid) {
        Path file = (pid == tid ? pidDir(pid) : taskDir(pid, tid)).resolve("stat");
        return readIfPresent(file).flatMap(ProcFs::parseStat);
    }

    static Optional<Stat> parseStat(String text) {
        String[] f = StatFields.of(text, 3, 14, 15, 22, 39);
        if (f == null) {
            return Optional.empty();
        }
        try {
            long utime = Long.parseLong(f[1]);
            long stime = Long.parseLong(f[2]);
            return Optional.of(new Stat(f[0].charAt(0), utime * NANOS_PER_TICK, stime * NANOS_PER_TICK,
                    Long.parseLong(f[3]), Integer.parseInt(f[4])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every process id, in directory order. */
    public List<Long> pids() {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
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

    /**
     * The command line of {@code pid} (/proc/PID/cmdline, NUL-separated); empty when gone or
     * while it executes a program (between its new memory and its arguments in it). Read in one
     * read(2) when it fits {@value #CMDLINE_READ} bytes: the kernel answers each read from the
     * process's memory of that moment, so a process that executes a program between two reads
     * would give a torn line, the old program's first bytes and the new one's from there
     * ({@code Files.readString} reads one byte first).
     */
    public List<String> cmdline(long pid) {
        String s = readAtOnce(pidDir(pid).resolve("cmdline"));
        return s.isEmpty() ? List.of() : List.of(s.split("\0"));
    }

    /** The file's text, read in one read(2) when it fits; empty when unreadable. */
    private static String readAtOnce(Path file) {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocate(CMDLINE_READ);
            // a read shorter than asked is the end: /proc/PID/cmdline gives all it has up to the count
            while (ch.read(buf) > 0 && !buf.hasRemaining()) {
                buf = ByteBuffer.allocate(buf.capacity() * 2).put(buf.flip());
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The answer of {@code read}, or empty when it fails: the process or thread may exit between
     * listing and reading it.
     */
    public static <T> Optional<T> ifReadable(Supplier<T> read) {
        try {
            return Optional.ofNullable(read.get());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Children of {@code pid}'s main thread (/proc/PID/task/PID/children), in kernel order. */
    public List<Long> children(long pid) {
        String text = read(taskDir(pid, pid).resolve("children"), pid).trim();
        List<Long> ids = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String s : text.split("\\s+")) {
                ids.add(parseId(s, taskDir(pid, pid).resolve("children")));
            }
        }
        return ids;
    }

    /**
     * The cgroups of {@code pid} (/proc/PID/cgroup): controller name to path, e.g.
     * {@code cpuset -> /machine/x}; a v1 line {@code 2:cpu,cpuacct:/x} gives both names,
     * {@code name=systemd} stays as is, and the v2 line {@code 0::/x} has the key {@code ""}.
     */
    public Map<String, String> cgroups(long pid) {
        return parseCgroups(read(pidDir(pid).resolve("cgroup"), pid));
    }

    /** The cgroups of thread {@code tid} of {@code pid} (/proc/PID/task/TID/cgroup), as {@link #cgroups(long)}. */
    public Map<String, String> cgroups(long pid, long tid) {
        return parseCgroups(read(taskDir(pid, tid).resolve("cgroup"), pid));
    }

    private static Map<String, String> parseCgroups(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            String controllers = line.substring(first + 1, second);
            String path = line.substring(second + 1);
            if (controllers.isEmpty()) {
                map.put("", path);
            } else {
                for (String c : controllers.split(",")) {
                    map.put(c, path);
                }
            }
        }
        return map;
    }

    /**
     * Namespace inode numbers of {@code pid} (/proc/PID/ns/*, link text {@code pid:[4026531836]}),
     * by namespace name, sorted.
     */
    public Map<String, Long> namespaces(long pid) {
        Path dir = pidDir(pid).resolve("ns");
        Map<String, Long> map = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path link : s.toList()) {
                String target;
                try {
                    target = Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString()
                            : Files.readString(link).trim();
                } catch (IOException e) {
                    continue; // not permitted or gone: leave it out
                }
                int open = target.indexOf(":[");
                if (open > 0 && target.endsWith("]")) {
                    map.put(link.getFileName().toString(), parseId(target.substring(open + 2, target.length() - 1), link));
                }
            }
        } catch (NoSuchFileException e) {
            throw gone(pid, e);
        } catch (IOException e) {
            throw error("cannot list " + dir, e);
        }
        return map;
    }

    private String read(Path file, long pid) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(pidDir(pid))) {
                throw gone(pid, e);
            }
            throw error("cannot read " + file + ": No such file or directory", e);
        } catch (IOException e) {
            throw error("cannot read " + file + ": " + IoReason.of(e), e);
        }
    }

    private static Optional<String> readIfPresent(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long parseId(String s, Path where) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(where + ": '" + s + "' is not a number", e);
        }
    }

    private VirtException gone(long pid, Throwable cause) {
        return new VirtException(ErrorCode.NOT_RUNNING, ErrorDomain.NONE,
                "process " + pid + " does not exist (no " + pidDir(pid) + ")", cause);
    }

    private static VirtException error(String message, Throwable cause) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, message, cause);
    }
}
