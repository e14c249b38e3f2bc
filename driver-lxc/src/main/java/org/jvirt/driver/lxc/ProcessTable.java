package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the driver reads about processes from procfs: children, start times, namespaces. The
 * real one reads {@code /proc}; tests give a temp dir. (A stand-in for core's ProcFs, which was
 * not on the linux branch yet when this driver was written.)
 */
public final class ProcessTable {
    private final Path proc;

    public ProcessTable(Path proc) {
        this.proc = proc;
    }

    public static ProcessTable host() {
        return new ProcessTable(Path.of("/proc"));
    }

    public Path root() {
        return proc;
    }

    /** Children of {@code pid}'s main thread, in kernel order; empty when it has none or is gone. */
    public List<Long> children(long pid) {
        String text = read(proc.resolve(pid + "/task/" + pid + "/children"));
        List<Long> out = new ArrayList<>();
        if (text != null) {
            for (String s : text.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(Long.parseLong(s));
                }
            }
        }
        return out;
    }

    /** Field 22 of /proc/PID/stat (clock ticks since boot); empty when the process is gone or a zombie. */
    public OptionalLong startTime(long pid) {
        String stat = read(proc.resolve(pid + "/stat"));
        if (stat == null) {
            return OptionalLong.empty();
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state), so field 22 is f[19]
        if (f.length < 20 || f[0].equals("Z") || f[0].equals("X")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(f[19]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether {@code pid} is alive and is the process that started at {@code startTime}. */
    public boolean isSameProcess(long pid, long startTime) {
        OptionalLong s = startTime(pid);
        return s.isPresent() && s.getAsLong() == startTime;
    }

    /** The inode of namespace {@code kind} ({@code pid}, {@code mnt}, ...) of {@code pid}, if readable. */
    public OptionalLong namespace(long pid, String kind) {
        try {
            String link = Files.readSymbolicLink(proc.resolve(pid + "/ns/" + kind)).toString();
            int open = link.indexOf('[');
            int close = link.indexOf(']');
            if (open < 0 || close < open) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(link.substring(open + 1, close)));
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
